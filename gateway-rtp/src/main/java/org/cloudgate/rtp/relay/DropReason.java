package org.cloudgate.rtp.relay;

/** Why the relay dropped a datagram: the {@code reason} tag of {@code cloudgate.rtp.dropped}. */
public enum DropReason {
    /** Shorter than an RTP/RTCP header or not version 2 (RFC 3550 section 5.1, 6.4). */
    NOT_RTP("not-rtp"),
    /** From a source that is neither announced nor latched (see {@link SourceLatch}). */
    STRANGER("stranger"),
    /** The other leg has no peer address yet (its SDP has not arrived). */
    NO_DESTINATION("no-destination"),
    /** The other leg's socket has too much queued; dropping beats unbounded buffering. */
    CONGESTED("congested"),
    /** The other leg is on hold and gets music on hold from the gateway instead. */
    ON_HOLD("on-hold");

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
