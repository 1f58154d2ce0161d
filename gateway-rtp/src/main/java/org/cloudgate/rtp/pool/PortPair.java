package org.cloudgate.rtp.pool;

/**
 * An even RTP port and the RTCP port right above it, as RFC 3550 section 11 recommends and as
 * peers assume when the SDP carries no {@code a=rtcp} attribute (RFC 3605 section 2.1).
 */
public record PortPair(int rtp) {

    public PortPair {
        if ((rtp & 1) != 0 || rtp < 2 || rtp > 65534) {
            throw new IllegalArgumentException("RTP port must be even and at most 65534: " + rtp);
        }
    }

    public int rtcp() {
        return rtp + 1;
    }
}
