package org.cloudgate.core.sip;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.ScheduledFuture;
import org.cloudgate.core.config.PbxSettings;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.sip.codec.OutgoingRequests;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.core.config.PbxTransport;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.StreamTransport;
import org.cloudgate.sip.transport.SipTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Probes the PBX (vendor field "Enable keep alive") and keeps the PBX link state. Over UDP (and
 * "UDP or TCP") a probe is an OPTIONS request: up after any answer but 503, a failure when it
 * times out (timer F), fails to send, or gets 503. Over TCP a probe is a CRLF keep-alive ping
 * (RFC 5626 sections 3.5.1 and 4.4.1): up after the pong, a failure when the connection cannot
 * be opened or written, or when no pong came within {@link #PONG_WAIT} or before the next ping.
 * The configured number of failures in a row marks the link down. The state is a readiness check
 * and a gauge. Runs on one event loop; one probe at a time.
 */
final class PbxKeepAlive {

    static final String NAME = "pbx";
    private static final Logger log = LoggerFactory.getLogger(PbxKeepAlive.class);
    private static final int OPTIONS_SIZE = 500;
    /** RFC 5626 section 4.4.1: a flow whose pong has not come within 10 seconds has failed. */
    static final Duration PONG_WAIT = Duration.ofSeconds(10);

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
    /** The CRLF ping whose pong is awaited, numbered from 1; 0 when none is. */
    private long pingAwaitingPong;
    private long pings;
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
                .description("1 while the PBX answers the gateway's keep-alive probes (OPTIONS, or CRLF pings over TCP), 0 otherwise")
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
        if (pbx.transport() == PbxTransport.TCP) {
            ping();
            return;
        }
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
        String answer = status + " " + reason;
        if (status == 408 || status == 503) {
            failed(answer);
        } else {
            succeeded(answer);
        }
    }

    /** A CRLF ping over the TCP connection to the PBX; the previous one, still without pong, failed. */
    private void ping() {
        if (pingAwaitingPong != 0) {
            pingAwaitingPong = 0;
            failed("no pong before the next ping");
        }
        StreamTransport tcp = stack.tcp();
        if (tcp == null) {
            failed("SIP over TCP is not enabled on this gateway");
            return;
        }
        long ping = ++pings;
        pingAwaitingPong = ping;
        long wait = Math.min(PONG_WAIT.toMillis(), pbx.keepAlive().interval().toMillis());
        ScheduledFuture<?> deadline = stack.layer().loop().schedule(
                () -> pingSettled(ping, false, "no pong within " + wait + " ms"), wait, TimeUnit.MILLISECONDS);
        tcp.ping(address, () -> {
            deadline.cancel(false);
            pingSettled(ping, true, "pong");
        }, cause -> {
            deadline.cancel(false);
            pingSettled(ping, false, "ping not sent: " + cause.getMessage());
        });
    }

    private void pingSettled(long ping, boolean ponged, String outcome) {
        if (ping != pingAwaitingPong) {
            return;   // already settled, or given up when the next ping went out
        }
        pingAwaitingPong = 0;
        if (ponged) {
            succeeded(outcome);
        } else {
            failed(outcome);
        }
    }

    private void succeeded(String answer) {
        lastAnswer = "last probe: " + answer;
        failuresInARow = 0;
        if (state != State.UP) {
            state = State.UP;
            log.info("the PBX at {} answers keep-alive probes ({})", address, answer);
        }
    }

    private void failed(String answer) {
        lastAnswer = "last probe: " + answer;
        if (++failuresInARow >= pbx.keepAlive().failures() && state != State.DOWN) {
            state = State.DOWN;
            log.error("the PBX at {} does not answer: {} keep-alive probes in a row failed ({})",
                    address, failuresInARow, answer);
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
