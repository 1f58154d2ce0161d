package org.cloudgate.sip.codec;

/**
 * Limits the decoders enforce, read once from the operator's settings.
 *
 * <p>Defaults: a start line of {@value #DEFAULT_MAX_START_LINE} octets (room for long
 * Request-URIs, RFC 4475 3.1.1.7); a header block of {@value #DEFAULT_MAX_HEADER_BLOCK} octets
 * and {@value #DEFAULT_MAX_HEADERS} header lines; a body of {@value #DEFAULT_MAX_BODY} octets,
 * far above any SDP offer. A message beyond a limit is refused with 413 (RFC 3261 section
 * 21.4.11) and, on a stream, the connection closed.
 *
 * @param maxStartLine   longest start line, CRLF excluded
 * @param maxHeaderBlock largest header block, the closing empty line included
 * @param maxHeaders     most header lines
 * @param maxBody        largest body
 */
public record SipDecoderConfig(int maxStartLine, int maxHeaderBlock, int maxHeaders, int maxBody) {
    public static final int DEFAULT_MAX_START_LINE = 4096;
    public static final int DEFAULT_MAX_HEADER_BLOCK = 16384;
    public static final int DEFAULT_MAX_HEADERS = 128;
    public static final int DEFAULT_MAX_BODY = 65536;

    /** The defaults above. */
    public static final SipDecoderConfig DEFAULTS = new SipDecoderConfig(
            DEFAULT_MAX_START_LINE, DEFAULT_MAX_HEADER_BLOCK, DEFAULT_MAX_HEADERS, DEFAULT_MAX_BODY);

    public SipDecoderConfig {
        if (maxStartLine < 16 || maxHeaderBlock < 16 || maxHeaders < 1 || maxBody < 0) {
            throw new IllegalArgumentException("SIP decoder limits too small: " + maxStartLine + "/"
                    + maxHeaderBlock + "/" + maxHeaders + "/" + maxBody);
        }
    }
}
