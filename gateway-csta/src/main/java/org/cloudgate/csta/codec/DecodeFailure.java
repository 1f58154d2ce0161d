package org.cloudgate.csta.codec;

/**
 * What a Netty CSTA decoder passes on instead of a message when a frame does not decode.
 *
 * @param reason a low-cardinality label for metrics ({@code framing}, {@code oversized},
 *     {@code malformed})
 * @param detail what is wrong and where, for a rate-limited log line
 * @param framingLost whether the stream can no longer be split into frames, so the link must
 *     reset the connection
 */
public record DecodeFailure(String reason, String detail, boolean framingLost) {

    /** The frame boundaries were lost (ECMA-323 J.2 header or BER length unusable). */
    public static final String FRAMING = "framing";
    /** A frame was larger than the configured maximum. */
    public static final String OVERSIZED = "oversized";
    /** A frame was delimited correctly but its content did not decode. */
    public static final String MALFORMED = "malformed";
}
