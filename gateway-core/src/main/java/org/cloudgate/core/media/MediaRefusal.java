package org.cloudgate.core.media;

/** Why a call's media was refused: the {@code reason} tag of {@code cloudgate.calls.media.refused}. */
public enum MediaRefusal {
    /** A session description the SDP parser cannot read (RFC 4566): 488. */
    MALFORMED_SDP("malformed-sdp"),
    /** No codec of the bandwidth area is left in the description: 488. */
    CODEC_NOT_ALLOWED("codec-not-allowed"),
    /** Every relay port pair is in use or in quarantine: the new call gets 503 with Retry-After. */
    NO_RELAY_PORT("no-relay-port");

    private final String tag;

    MediaRefusal(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
