package org.cloudgate.core.media;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import org.cloudgate.core.config.MediaSettings;
import org.cloudgate.core.config.SipSettings;
import org.cloudgate.core.lifecycle.Component;
import org.cloudgate.core.lifecycle.Readiness;
import org.cloudgate.core.transport.EventLoops;
import org.cloudgate.rtp.MohMode;
import org.cloudgate.rtp.RtpSettings;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.moh.MohSource;
import org.cloudgate.rtp.pool.PortPoolExhaustedException;
import org.cloudgate.rtp.relay.DatagramTransport;
import org.cloudgate.rtp.relay.MediaRelay;
import org.cloudgate.rtp.relay.RelayTap;
import org.cloudgate.rtp.relay.RelaySession;
import org.cloudgate.rtp.sdp.MediaAddress;
import org.cloudgate.sip.b2bua.CallMedia;
import org.cloudgate.sip.trace.SipTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The media side of the daemon ({@code cloudgate.rtp}): with indirect switching on, the RTP relay
 * on the shared event loops, its port pool and music on hold; and for every call, the
 * {@link CallMedia} the B2BUA passes its session descriptions through.
 *
 * <ul>
 * <li>Indirect switching on, a call between the PBX and a cloud client: {@link RelayedMedia}
 *     on a relay session opened on the call's own event loop.</li>
 * <li>Indirect switching off, or a call with the PBX on both legs (GSM routing, call-through):
 *     media flows directly. The bandwidth area's codec filter still applies when it restricts
 *     codecs ({@link FilteredMedia}); otherwise SDP passes unchanged.</li>
 * </ul>
 */
public final class MediaRelayService implements Component, CallMediaSource {

    private static final Logger log = LoggerFactory.getLogger(MediaRelayService.class);
    static final String NAME = "rtp";

    private final MediaSettings settings;
    private final SipSettings sip;
    private final EventLoops loops;
    private final Readiness readiness;
    private final MediaMeters meters;
    private final SdpBodies bodies;
    private final MediaRelay relay;
    private volatile MediaAddress relayAddress;
    private volatile MusicOnHold music;

    /** @param trace traces relayed RTP while {@code cloudgate.sip.trace.include-rtp} is on */
    public MediaRelayService(MediaSettings settings, SipSettings sip, EventLoops loops, SipTrace trace,
                             MeterRegistry registry, Readiness readiness) {
        this.settings = settings;
        this.sip = sip;
        this.loops = loops;
        this.readiness = readiness;
        this.meters = new MediaMeters(registry);
        this.bodies = new SdpBodies(settings.filtersCodecs() ? settings.codecPolicy() : null, meters);
        this.relay = settings.relay().indirectSwitching()
                ? new MediaRelay(settings.relay(), new DatagramTransport(loops.group(), loops.datagramChannel()),
                        registry, traceTap(trace))
                : null;
        if (relay != null) {
            readiness.report(NAME, false, "not started yet");
        }
    }

    private static RelayTap traceTap(SipTrace trace) {
        return new RelayTap() {
            @Override
            public boolean active() {
                return trace.tracesRtp();
            }

            @Override
            public void rtp(InetSocketAddress source, InetSocketAddress destination, ByteBuf packet) {
                trace.rtp(source, destination, packet);
            }
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Finds the address for SDP and reads the music on hold. */
    @Override
    public void start() throws IOException {
        if (relay == null) {
            log.info("indirect switching is off (cloudgate.rtp.indirect-switching): media flows directly{}",
                    settings.filtersCodecs() ? ", codecs limited to " + settings.codecs() : "");
            return;
        }
        RtpSettings rtp = settings.relay();
        relayAddress = MediaAddress.of(sdpAddress());
        if (rtp.mohMode() == MohMode.GATEWAY) {
            music = new MusicOnHold(rtp.mohFile().isPresent() ? MohSource.read(rtp.mohFile().get()) : MohSource.builtIn());
        }
        readiness.report(NAME, true, "relay ports " + rtp.portMin() + "-" + rtp.portMax() + " ("
                + relay.portPool().capacity() + " pairs), SDP address " + relayAddress.host());
    }

    /**
     * {@code advertised-address}, else the relay's bind address when concrete, else the SIP address
     * the gateway advertises (its advertised host, else its bind address when concrete), else this
     * host's address.
     */
    private InetAddress sdpAddress() throws UnknownHostException {
        RtpSettings rtp = settings.relay();
        for (String candidate : List.of(rtp.advertisedAddress(), rtp.bindAddress(), sip.advertisedHost(),
                sip.stack().bindAddress())) {
            if (!candidate.isEmpty() && !candidate.equals("0.0.0.0") && !candidate.equals("::")) {
                return InetAddress.getByName(candidate);
            }
        }
        return InetAddress.getLocalHost();
    }

    @Override
    public List<String> listening() {
        if (relay == null || relayAddress == null) {
            return List.of();
        }
        RtpSettings rtp = settings.relay();
        return List.of("udp://" + rtp.bindAddress() + ":" + rtp.portMin() + "-" + rtp.portMax()
                + " (SDP " + relayAddress.host() + ")");
    }

    @Override
    public CallMedia forCall(String callReference, Side caller, Side callee) throws PortPoolExhaustedException {
        if (relay == null || caller == callee) {
            return settings.filtersCodecs() ? new FilteredMedia(bodies) : CallMedia.PASS_THROUGH;
        }
        RelayedMedia media = new RelayedMedia(caller, relayAddress, bodies, music, meters);
        RelaySession session;
        try {
            session = relay.start(callReference, settings.area(), media, callLoop());
        } catch (PortPoolExhaustedException e) {
            meters.refused(MediaRefusal.NO_RELAY_PORT);
            log.debug("call {} refused with 503: {}", callReference, e.getMessage());
            throw e;
        }
        media.relayThrough(session);
        return media;
    }

    /** The loop running now, which is the new call's; the media shares it. */
    private EventLoop callLoop() {
        for (EventExecutor executor : loops.group()) {
            if (executor.inEventLoop()) {
                return (EventLoop) executor;
            }
        }
        return loops.group().next();
    }

    @Override
    public void stop() {
        if (relay != null) {
            readiness.report(NAME, false, "stopped");
        }
    }
}
