package org.cloudgate.rtp.stats;

import java.util.Locale;

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

    /** The leg's part of the call-end log line, e.g. "1500 packets, 240000 octets, 3 lost (0.20%), ...". */
    public String describe() {
        return String.format(Locale.ROOT, "%d packets, %d octets, %d lost (%.2f%%), %d reordered, jitter %.1f ms",
                packets, octets, lost, 100 * lossRatio(), reordered, jitterMs);
    }
}
