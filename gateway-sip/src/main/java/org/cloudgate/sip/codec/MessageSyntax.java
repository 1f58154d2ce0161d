package org.cloudgate.sip.codec;

import io.netty.util.concurrent.FastThreadLocal;
import org.cloudgate.sip.message.AddressSyntax;
import org.cloudgate.sip.message.HeaderIndex;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipHead;
import org.cloudgate.sip.message.SipRejection;
import org.cloudgate.sip.message.ValueScanner;
import org.cloudgate.sip.message.ViaSyntax;
import org.cloudgate.sip.uri.UriParts;
import org.cloudgate.sip.uri.UriSyntax;
import org.cloudgate.sip.wire.Octets;

/**
 * The syntax layer's verdict on a framed message: the checks a SIP element must make before a
 * message reaches the application (RFC 3261 sections 7, 8.2, 20 and 25; RFC 4475 section 3.1.2).
 *
 * <p>Only the headers the gateway relies on are checked; an unknown header is passed on as
 * written. Semantic problems (a missing To, two Call-IDs, Max-Forwards of zero) are left to
 * the application, which answers them itself (RFC 4475 sections 3.2 to 3.4).
 */
final class MessageSyntax {
    private static final long MAX_CSEQ = (1L << 31) - 1;
    private static final long MAX_MAX_FORWARDS = 255;

    /** One checker per thread: checking a message then allocates nothing. */
    private static final FastThreadLocal<MessageSyntax> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected MessageSyntax initialValue() {
            return new MessageSyntax();
        }
    };

    private final AddressSyntax address = new AddressSyntax();
    private final ViaSyntax via = new ViaSyntax();
    private final UriParts requestUri = new UriParts();
    private final ValueScanner scanner = new ValueScanner(null, 0, 0);
    private Octets buf;
    private SipHead head;

    /** Checks the message whose head is {@code head}; returns the first failure, or {@code null}. */
    static SipRejection check(Octets buf, SipHead head) {
        MessageSyntax syntax = PER_THREAD.get();
        syntax.buf = buf;
        syntax.head = head;
        try {
            return syntax.check();
        } finally {
            syntax.buf = null;
            syntax.head = null;
            syntax.scanner.reset(null, 0, 0);
        }
    }

    private SipRejection check() {
        if (head.isRequest() && !requestUriValid()) {
            return SipRejection.MALFORMED_REQUEST_URI;
        }
        HeaderIndex index = head.headers();
        for (int i = 0; i < index.size(); i++) {
            HeaderName name = index.name(i);
            if (name != null) {
                SipRejection failure = checkHeader(name, index.valueStart(i), index.valueEnd(i));
                if (failure != null) {
                    return failure;
                }
            }
        }
        return head.isRequest() ? cseqMethodMatches(index) : null;
    }

    /**
     * An absolute URI with no white space or {@code <>} (RFC 4475 3.1.2.7), and for sip/sips no
     * headers component, which a Request-URI may not carry (RFC 3261 section 19.1.1 table 1;
     * RFC 4475 3.1.2.11).
     */
    private boolean requestUriValid() {
        return UriSyntax.parse(buf, head.uriStart(), head.uriEnd(), requestUri)
                && !(requestUri.isSip() && requestUri.hasHeaders());
    }

    private SipRejection checkHeader(HeaderName name, int start, int end) {
        return switch (name) {
            case VIA -> list(start, end, true) ? null : SipRejection.MALFORMED_VIA;
            case FROM, TO, REFER_TO, REFERRED_BY -> single(start, end) ? null : SipRejection.MALFORMED_ADDRESS;
            case CONTACT -> isStar(start, end) || list(start, end, false) ? null : SipRejection.MALFORMED_ADDRESS;
            case ROUTE, RECORD_ROUTE, DIVERSION, HISTORY_INFO, P_ASSERTED_IDENTITY ->
                    list(start, end, false) ? null : SipRejection.MALFORMED_ADDRESS;
            case CALL_ID -> callId(start, end) ? null : SipRejection.MALFORMED_CALL_ID;
            case CSEQ -> cseq(start, end) ? null : SipRejection.MALFORMED_CSEQ;
            case MAX_FORWARDS -> number(start, end, MAX_MAX_FORWARDS) ? null : SipRejection.MALFORMED_MAX_FORWARDS;
            case CONTENT_LENGTH -> number(start, end, Integer.MAX_VALUE) ? null : SipRejection.MALFORMED_CONTENT_LENGTH;
            case DATE -> HttpDate.isValid(buf, start, end) ? null : SipRejection.MALFORMED_DATE;
            case SESSION_EXPIRES, MIN_SE -> deltaWithParams(start, end) ? null : SipRejection.MALFORMED_HEADER_VALUE;
            default -> null;
        };
    }

    /** One name-addr or addr-spec with parameters and nothing after it. */
    private boolean single(int start, int end) {
        ValueScanner s = scanner.reset(buf, start, end);
        return address.scan(s) && s.atEnd();
    }

    /** A comma-separated list of Via or address elements, none empty (RFC 4475 3.1.2.1). */
    private boolean list(int start, int end, boolean vias) {
        ValueScanner s = scanner.reset(buf, start, end);
        do {
            if (!(vias ? via.scan(s) : address.scan(s))) {
                return false;
            }
        } while (s.accept(','));
        return s.atEnd();
    }

    private boolean isStar(int start, int end) {
        return end - start == 1 && buf.getByte(start) == '*';
    }

    /** {@code callid = word [ "@" word ]}: visible octets, no white space (RFC 3261 section 25.1). */
    private boolean callId(int start, int end) {
        if (start == end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            int b = buf.getByte(i) & 0xFF;
            if (b <= ' ' || b == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** {@code CSeq = 1*DIGIT LWS Method}, the number below 2**31 (RFC 3261 section 8.1.1.5). */
    private boolean cseq(int start, int end) {
        ValueScanner s = scanner.reset(buf, start, end);
        if (!s.digits()) {
            return false;
        }
        long number = s.spanAsNumber();
        return number >= 0 && number <= MAX_CSEQ && s.skipLws() && s.token() && s.atEnd();
    }

    private boolean number(int start, int end, long max) {
        long value = ValueScanner.parseNumber(buf, start, end);
        return value >= 0 && value <= max;
    }

    /** {@code delta-seconds *( SEMI param )} (RFC 4028 sections 4 and 5). */
    private boolean deltaWithParams(int start, int end) {
        ValueScanner s = scanner.reset(buf, start, end);
        return s.digits() && s.spanAsNumber() >= 0 && s.parameters() && s.atEnd();
    }

    /**
     * The CSeq method must equal the request method (RFC 3261 section 8.1.1.5;
     * RFC 4475 3.1.2.17 and 3.1.2.18).
     */
    private SipRejection cseqMethodMatches(HeaderIndex index) {
        int header = index.next(HeaderName.CSEQ, 0);
        if (header < 0) {
            return null;
        }
        ValueScanner s = scanner.reset(buf, index.valueStart(header), index.valueEnd(header));
        s.digits();
        s.skipLws();
        s.token();
        int length = s.spanEnd() - s.spanStart();
        if (length != head.methodEnd()) {
            return SipRejection.CSEQ_METHOD_MISMATCH;
        }
        for (int i = 0; i < length; i++) {
            if (buf.getByte(s.spanStart() + i) != buf.getByte(i)) {
                return SipRejection.CSEQ_METHOD_MISMATCH;
            }
        }
        return null;
    }
}
