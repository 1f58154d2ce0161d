package org.cloudgate.rtp.stats;

/**
 * What one leg of a relayed call received, frozen at call end: the per-leg part of the call-end
 * record.
 *
 * @param packets   RTP and RTCP datagrams accepted from the leg's peer
 * @param octets    their UDP payload octets
 * @param expected  RTP packets the sequence numbers say were sent (RFC 3550 A.3)
 * @param lost      expected minus received RTP packets
 * @param reordered RTP packets that arrived after a later one
 * @param jitterMs  interarrival jitter (RFC 3550 A.8) in milliseconds at call end
 */
public record LegSummary(long packets, long octets, long expected, long lost, long reordered,
                         double jitterMs) {

    public double lossRatio() {
        return expected == 0 ? 0 : (double) lost / expected;
    }
}
