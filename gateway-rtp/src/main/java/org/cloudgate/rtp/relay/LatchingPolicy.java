package org.cloudgate.rtp.relay;

/**
 * Which sources a relay leg accepts media from. Either way the relay sends from the port it
 * receives on (symmetric RTP, RFC 4961 section 3), so a peer behind NAT gets its media back
 * through the binding its own packets opened.
 */
public enum LatchingPolicy {
    /** Only the address and port announced in the peer's SDP. */
    ANNOUNCED_ONLY,
    /**
     * NAT latching: the first source of valid RTP (or RTCP, on the RTCP port) is taken as the
     * peer, whatever the SDP said; see {@link SourceLatch} for when the latch may move.
     */
    NAT_LATCHING
}
