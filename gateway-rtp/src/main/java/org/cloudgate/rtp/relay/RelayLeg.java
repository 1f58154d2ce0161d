package org.cloudgate.rtp.relay;

import io.netty.channel.Channel;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.pool.PortPair;
import org.cloudgate.rtp.stats.ClockRates;
import org.cloudgate.rtp.stats.ReceptionStatistics;

import java.net.InetSocketAddress;

/**
 * One side of a relayed call: the relay's local RTP and RTCP sockets on that side, the peer
 * address the side's SDP announced, the address learnt by latching, and what was received.
 *
 * <p>State changes only on the session's event loop.
 */
public final class RelayLeg {

    private final Side side;
    private final PortPair ports;
    private final SourceLatch rtpSource;
    private final SourceLatch rtcpSource;
    private final ReceptionStatistics statistics = new ReceptionStatistics(ClockRates.staticTypes());
    private Channel rtp;
    private Channel rtcp;
    private boolean rtpFlushPending;
    private boolean rtcpFlushPending;
    private long silenceReportedFor = -1;

    RelayLeg(Side side, PortPair ports, LatchingPolicy policy, long relatchGuardNanos) {
        this.side = side;
        this.ports = ports;
        this.rtpSource = new SourceLatch(policy, relatchGuardNanos);
        this.rtcpSource = new SourceLatch(policy, relatchGuardNanos);
    }

    public Side side() {
        return side;
    }

    /** The relay's own RTP/RTCP ports on this side: what goes into the SDP sent to this side. */
    public PortPair localPorts() {
        return ports;
    }

    /** Where RTP toward this side's peer goes: the latched source, else the SDP address. */
    public InetSocketAddress rtpDestination() {
        return rtpSource.destination();
    }

    public InetSocketAddress rtcpDestination() {
        return rtcpSource.destination();
    }

    public boolean latched() {
        return rtpSource.latched();
    }

    public ReceptionStatistics statistics() {
        return statistics;
    }

    /**
     * True the first time a silent spell that began at {@code lastActivityNanos} is reported,
     * false for the same spell again.
     */
    boolean reportSilence(long lastActivityNanos) {
        if (silenceReportedFor == lastActivityNanos) {
            return false;
        }
        silenceReportedFor = lastActivityNanos;
        return true;
    }

    void announce(InetSocketAddress rtpPeer, InetSocketAddress rtcpPeer, ClockRates rates) {
        rtpSource.announce(rtpPeer);
        rtcpSource.announce(rtcpPeer);
        statistics.useClockRates(rates);
    }

    void bound(Channel rtpChannel, Channel rtcpChannel) {
        this.rtp = rtpChannel;
        this.rtcp = rtcpChannel;
    }

    Channel channel(boolean control) {
        return control ? rtcp : rtp;
    }

    SourceLatch source(boolean control) {
        return control ? rtcpSource : rtpSource;
    }

    void flushLater(boolean control) {
        if (control) {
            rtcpFlushPending = true;
        } else {
            rtpFlushPending = true;
        }
    }

    /** Sends what {@link RelaySession} wrote during a read burst: one sendmmsg on epoll. */
    void flushPending() {
        if (rtpFlushPending) {
            rtpFlushPending = false;
            rtp.flush();
        }
        if (rtcpFlushPending) {
            rtcpFlushPending = false;
            rtcp.flush();
        }
    }

    /** Closes both sockets and runs {@code whenClosed} on the loop once both are closed. */
    void close(Runnable whenClosed) {
        closeThen(rtp, () -> closeThen(rtcp, whenClosed));
    }

    private static void closeThen(Channel channel, Runnable next) {
        if (channel == null) {
            next.run();
        } else {
            channel.close().addListener(done -> next.run());
        }
    }
}
