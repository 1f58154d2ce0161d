package org.cloudgate.sip.message;

/**
 * Why the syntax layer refused a message, with the status a request gets for it.
 *
 * <p>RFC 3261 section 21.4.1: a syntactically broken request is answered 400; section 21.5.6:
 * an unsupported SIP version is answered 505; section 21.4.11: a request larger than the
 * element accepts gets 413. {@link #tag()} is the low-cardinality label for the
 * {@code reason} tag of the rejection counter.
 */
public enum SipRejection {
    NOT_SIP(400, "Not a SIP Message", false),
    MALFORMED_START_LINE(400, "Malformed Start Line", false),
    MALFORMED_REQUEST_URI(400, "Malformed Request-URI", false),
    VERSION_NOT_SUPPORTED(505, "Version Not Supported", false),
    MALFORMED_STATUS_CODE(400, "Malformed Status Code", false),
    MALFORMED_HEADER_LINE(400, "Malformed Header Line", true),
    UNTERMINATED_HEADERS(400, "Unterminated Header Block", true),
    MALFORMED_VIA(400, "Malformed Via", false),
    MALFORMED_ADDRESS(400, "Malformed Address Header", false),
    MALFORMED_CALL_ID(400, "Malformed Call-ID", false),
    MALFORMED_CSEQ(400, "Malformed CSeq", false),
    CSEQ_METHOD_MISMATCH(400, "CSeq Method Mismatch", false),
    MALFORMED_MAX_FORWARDS(400, "Malformed Max-Forwards", false),
    MALFORMED_CONTENT_LENGTH(400, "Malformed Content-Length", true),
    MISSING_CONTENT_LENGTH(400, "Missing Content-Length", true),
    BODY_TRUNCATED(400, "Content-Length Exceeds Body", true),
    MALFORMED_DATE(400, "Malformed Date", false),
    MALFORMED_HEADER_VALUE(400, "Malformed Header Value", false),
    START_LINE_TOO_LONG(413, "Start Line Too Long", true),
    HEADERS_TOO_LARGE(413, "Header Block Too Large", true),
    TOO_MANY_HEADERS(413, "Too Many Headers", true),
    BODY_TOO_LARGE(413, "Body Too Large", true);

    private final int status;
    private final String reasonPhrase;
    private final boolean losesFraming;
    private final String tag;

    SipRejection(int status, String reasonPhrase, boolean losesFraming) {
        this.status = status;
        this.reasonPhrase = reasonPhrase;
        this.losesFraming = losesFraming;
        this.tag = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status code a request refused for this reason is answered with. */
    public int status() {
        return status;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    /**
     * Whether a stream can no longer be delimited after this failure: the connection must be
     * closed after the answer (RFC 3261 section 18.3).
     */
    public boolean losesFraming() {
        return losesFraming;
    }

    /** Lower-case label for the {@code reason} metric tag. */
    public String tag() {
        return tag;
    }
}
