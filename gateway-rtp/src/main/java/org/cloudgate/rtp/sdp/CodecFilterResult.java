package org.cloudgate.rtp.sdp;

/** The outcome of applying a bandwidth area's codec list to an SDP offer or answer. */
public sealed interface CodecFilterResult {

    /** At least one stream still has a codec the area allows. */
    record Filtered(SessionDescription description) implements CodecFilterResult {
    }

    /**
     * No active stream has an allowed codec left: the B2BUA refuses the offer with 488 Not
     * Acceptable Here (RFC 3261 section 21.4.26, RFC 3264 section 6).
     */
    record NothingLeft(String area) implements CodecFilterResult {
    }
}
