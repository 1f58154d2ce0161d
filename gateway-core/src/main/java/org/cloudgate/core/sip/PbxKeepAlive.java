package org.cloudgate.core.sip;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.ScheduledFuture;
import org.cloudgate.core.config.PbxSettings;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.sip.codec.OutgoingRequests;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.SipTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Probes the PBX with OPTIONS (vendor field "Enable keep alive") and keeps the PBX link state:
 * up after any answer but 503, down after the configured number of probes in a row that time out
 * (timer F), fail to send, or get 503. The state is a readiness check and a gauge. Runs on one
 * event loop; one probe at a time.
 */
final class PbxKeepAlive {

    static final String NAME = "pbx";
    private static final Logger log = LoggerFactory.getLogger(PbxKeepAlive.class);
    private static final int OPTIONS_SIZE = 500;

    private enum State { UNKNOWN, UP, DOWN }

    private final PbxSettings pbx;
    private final InetSocketAddress address;
    private final LoopStack stack;
    private final String advertisedHost;
    private final String callId = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@cloudgate";
    private final String fromTag = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    private volatile State state = State.UNKNOWN;
    private volatile String lastAnswer = "no probe answered yet";
    private long cseq;
    private int failuresInARow;
    private ScheduledFuture<?> schedule;

    /** @param advertisedHost the host written into Via and From (an IPv6 literal in brackets) */
    PbxKeepAlive(PbxSettings pbx, InetSocketAddress address, LoopStack stack, String advertisedHost,
                 MeterRegistry registry, Readiness readiness) {
        this.pbx = pbx;
        this.address = address;
        this.stack = stack;
        this.advertisedHost = advertisedHost;
        Gauge.builder("cloudgate.pbx.link.up", this, k -> k.state == State.UP ? 1 : 0)
                .description("1 while the PBX answers the gateway's OPTIONS probes (keep-alive), 0 otherwise")
                .register(registry);
        readiness.track(NAME, () -> new Readiness.Check(NAME, state == State.UP, "PBX " + address.getHostString()
                + ":" + address.getPort() + " " + state.name().toLowerCase(Locale.ROOT) + " (" + lastAnswer + ")"));
    }

    void start() {
        schedule = stack.layer().loop().scheduleWithFixedDelay(this::probe, 0,
                pbx.keepAlive().interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private void probe() {
        SipTransport transport = stack.transportFor(PbxTerminals.policy(pbx.transport()), OPTIONS_SIZE);
        SipRequest options;
        try {
            options = options(transport);
        } catch (RuntimeException e) {
            log.warn("cannot build the keep-alive OPTIONS toward the PBX: {}", e.toString());
            return;
        }
        stack.layer().send(options, address, transport, (tx, response) -> answered(response.status(),
                response.reasonPhrase()));
    }

    private void answered(int status, String reason) {
        if (status < 200) {
            return;
        }
        lastAnswer = "last probe: " + status + " " + reason;
        if (status == 408 || status == 503) {
            if (++failuresInARow >= pbx.keepAlive().failures() && state != State.DOWN) {
                state = State.DOWN;
                log.error("the PBX at {} does not answer: {} keep-alive probes in a row failed ({} {})",
                        address, failuresInARow, status, reason);
            }
            return;
        }
        failuresInARow = 0;
        if (state != State.UP) {
            state = State.UP;
            log.info("the PBX at {} answers keep-alive probes ({} {})", address, status, reason);
        }
    }

    private SipRequest options(SipTransport transport) {
        InetSocketAddress local = transport.localAddress();
        String target = "sip:" + hostPort(address.getHostString(), address.getPort());
        String self = advertisedHost + ":" + local.getPort();
        String text = "OPTIONS " + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport.name() + " " + self + ";branch=" + stack.layer().newBranch() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:cloudgate@" + self + ">;tag=" + fromTag + "\r\n"
                + "To: <" + target + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + (++cseq) + " OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
        return OutgoingRequests.fromText(text);
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
