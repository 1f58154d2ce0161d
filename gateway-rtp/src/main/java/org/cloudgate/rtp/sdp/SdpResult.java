package org.cloudgate.rtp.sdp;

/**
 * The outcome of parsing an SDP body: a description, or why it was refused. The B2BUA answers a
 * malformed offer with 488 (RFC 3261 section 21.4.26) or 400; the parser never throws.
 */
public sealed interface SdpResult {

    /** A well-formed body. */
    record Parsed(SessionDescription description) implements SdpResult {
    }

    /** A body that is not SDP the relay can work with; {@code reason} is for the log. */
    record Malformed(String reason) implements SdpResult {
    }
}
