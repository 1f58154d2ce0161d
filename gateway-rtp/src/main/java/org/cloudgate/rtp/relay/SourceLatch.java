package org.cloudgate.rtp.relay;

import java.net.InetSocketAddress;

/**
 * Decides, for one relay socket, whether a datagram comes from the leg's peer, and learns the
 * peer's real address when NAT latching is on.
 *
 * <p>Rules, for {@link LatchingPolicy#NAT_LATCHING}:
 * <ol>
 * <li>Not latched yet: the first valid packet latches its source address and SSRC.</li>
 * <li>From the latched source: accepted; an SSRC change there is a new stream of the same peer
 *     (RFC 3550 section 8.2) and is accepted.</li>
 * <li>From another source with the latched SSRC: the same stream arriving through a new NAT
 *     binding; the latch moves at once. An off-path attacker would have to guess 32 bits.</li>
 * <li>From another source with another SSRC: the latch moves only when the latched source has
 *     been silent for at least the re-latch guard (the peer restarted behind a new binding, or
 *     media was handed over); otherwise the packet is a stranger's and dropped, so that no one
 *     can take over a live stream (no RTP injection, no bleed between calls).</li>
 * </ol>
 * For {@link LatchingPolicy#ANNOUNCED_ONLY} only packets from the SDP address and port are
 * accepted and nothing is learnt. A new SDP from the peer ({@link #announce}) resets the latch.
 *
 * <p>Confined to the session's event loop.
 */
public final class SourceLatch {

    private final LatchingPolicy policy;
    private final long guardNanos;
    private InetSocketAddress announced;
    private InetSocketAddress latched;
    private long latchedSsrc;
    private long lastAcceptedNanos;

    public SourceLatch(LatchingPolicy policy, long guardNanos) {
        this.policy = policy;
        this.guardNanos = guardNanos;
    }

    /** The address the peer announced in SDP; forgets what was latched. */
    public void announce(InetSocketAddress address) {
        announced = address;
        latched = null;
    }

    /** True when the datagram is from the peer; latches or re-latches as the rules say. */
    public boolean admit(InetSocketAddress source, long ssrc, long nowNanos) {
        if (policy == LatchingPolicy.ANNOUNCED_ONLY) {
            if (source.equals(announced)) {
                lastAcceptedNanos = nowNanos;
                return true;
            }
            return false;
        }
        if (latched == null || source.equals(latched) || ssrc == latchedSsrc
                || nowNanos - lastAcceptedNanos >= guardNanos) {
            latched = source;
            latchedSsrc = ssrc;
            lastAcceptedNanos = nowNanos;
            return true;
        }
        return false;
    }

    /** Where to send toward the peer: the latched source, else the announced address, else null. */
    public InetSocketAddress destination() {
        return latched != null ? latched : announced;
    }

    public boolean latched() {
        return latched != null;
    }
}
