package org.cloudgate.sip.message;

import io.netty.util.concurrent.FastThreadLocal;
import org.cloudgate.sip.wire.Octets;

/**
 * Reads a message head in one pass: the start line (RFC 3261 sections 7.1 and 7.2) and the
 * position of every header line (section 7.3), folded lines joined to their header
 * (section 7.3.1). Header values are not decoded here.
 *
 * <p>Lines end with CRLF; a bare LF is tolerated. Limits come from the caller so that the same
 * parser serves datagrams and streams.
 */
public final class SipHeadParser {
    private static final int SIP_VERSION_LENGTH = 7;
    /** Header lines the per-thread scratch index holds before it grows; a head with more still parses. */
    private static final int SCRATCH_HEADERS = 64;
    /** The index positions of the head being read, reused by each thread (see {@link HeaderIndex#compact()}). */
    private static final FastThreadLocal<int[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected int[] initialValue() {
            return new int[HeaderIndex.scratchLength(SCRATCH_HEADERS)];
        }
    };

    private final int maxStartLine;
    private final int maxHeadBytes;
    private final int maxHeaders;

    /**
     * @param maxStartLine longest start line accepted, CRLF excluded
     * @param maxHeadBytes largest header block accepted, its closing empty line included
     * @param maxHeaders   most header lines accepted
     */
    public SipHeadParser(int maxStartLine, int maxHeadBytes, int maxHeaders) {
        this.maxStartLine = maxStartLine;
        this.maxHeadBytes = maxHeadBytes;
        this.maxHeaders = maxHeaders;
    }

    /** Parses the head at the start of {@code buf}, octets {@code [0, available)}. */
    public SipHead parse(Octets buf, int available) {
        SipHead head = new SipHead(new HeaderIndex(SCRATCH.get()));
        head.octets = buf;
        read(buf, available, head);
        head.headers.compact();
        return head;
    }

    private void read(Octets buf, int available, SipHead head) {
        int eol = buf.indexOf(0, Math.min(available, maxStartLine + 2), (byte) '\n');
        if (eol < 0) {
            if (available > maxStartLine + 1) {
                head.outcome = SipHead.Outcome.NOT_SIP;
                head.reject(SipRejection.START_LINE_TOO_LONG);
            } else {
                head.outcome = SipHead.Outcome.INCOMPLETE;
            }
            return;
        }
        int lineEnd = eol > 0 && buf.getByte(eol - 1) == '\r' ? eol - 1 : eol;
        head.startLineEnd = lineEnd;
        head.headersStart = eol + 1;
        if (!StartLine.read(buf, lineEnd, head)) {
            head.outcome = SipHead.Outcome.NOT_SIP;
            head.reject(SipRejection.NOT_SIP);
            return;
        }
        head.outcome = indexHeaders(buf, head.headersStart, available, head);
    }

    private SipHead.Outcome indexHeaders(Octets buf, int from, int available, SipHead head) {
        HeaderIndex index = head.headers;
        int limit = Math.min(available, from + maxHeadBytes);
        int pos = from;
        while (true) {
            int eol = buf.indexOf(pos, limit, (byte) '\n');
            if (eol < 0) {
                if (limit < available || limit - from >= maxHeadBytes) {
                    head.reject(SipRejection.HEADERS_TOO_LARGE);
                    return broken(head, pos);
                }
                stop(head, pos);
                return SipHead.Outcome.INCOMPLETE;
            }
            int lineEnd = eol > pos && buf.getByte(eol - 1) == '\r' ? eol - 1 : eol;
            if (lineEnd == pos) {
                index.headEnd(pos);
                head.bodyStart = eol + 1;
                return SipHead.Outcome.COMPLETE;
            }
            int first = buf.getByte(pos);
            if (first == ' ' || first == '\t') {
                if (index.size() == 0) {
                    head.reject(SipRejection.MALFORMED_HEADER_LINE);
                    return broken(head, pos);
                }
                fold(buf, index, pos, lineEnd);
            } else if (index.size() == maxHeaders) {
                head.reject(SipRejection.TOO_MANY_HEADERS);
                return broken(head, pos);
            } else if (!addHeader(buf, index, pos, lineEnd)) {
                head.reject(SipRejection.MALFORMED_HEADER_LINE);
                return broken(head, pos);
            }
            pos = eol + 1;
        }
    }

    /**
     * Keeps the headers indexed before {@code pos} usable (an error response copies them) and
     * marks the head as ending there.
     */
    private static SipHead.Outcome broken(SipHead head, int pos) {
        stop(head, pos);
        return SipHead.Outcome.BROKEN;
    }

    private static void stop(SipHead head, int pos) {
        head.headers.headEnd(pos);
        head.bodyStart = pos;
    }

    /** {@code header-name HCOLON header-value}, HCOLON being {@code *( SP / HTAB ) ":" SWS}. */
    private static boolean addHeader(Octets buf, HeaderIndex index, int lineStart, int lineEnd) {
        int i = lineStart;
        while (i < lineEnd && ValueScanner.isTokenChar(buf.getByte(i))) {
            i++;
        }
        int nameEnd = i;
        while (i < lineEnd && isWsp(buf.getByte(i))) {
            i++;
        }
        if (nameEnd == lineStart || i == lineEnd || buf.getByte(i) != ':') {
            return false;
        }
        i++;
        while (i < lineEnd && isWsp(buf.getByte(i))) {
            i++;
        }
        int valueEnd = trimEnd(buf, i, lineEnd);
        int nameLength = nameEnd - lineStart;
        index.add(lineStart, nameLength, HeaderName.lookup(buf, lineStart, nameLength), i, valueEnd);
        return true;
    }

    /** A continuation line extends the previous header's value (RFC 3261 section 7.3.1). */
    private static void fold(Octets buf, HeaderIndex index, int lineStart, int lineEnd) {
        int last = index.size() - 1;
        int end = trimEnd(buf, lineStart, lineEnd);
        if (end == lineStart) {
            return;
        }
        int start = index.valueStart(last);
        if (start == index.valueEnd(last)) {
            start = lineStart;
            while (isWsp(buf.getByte(start))) {
                start++;
            }
        }
        index.fold(last, start, end);
    }

    private static int trimEnd(Octets buf, int start, int end) {
        int i = end;
        while (i > start && isWsp(buf.getByte(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isWsp(int b) {
        return b == ' ' || b == '\t';
    }

    /** The start line rules; package-private so the message can re-read an edited start line. */
    static final class StartLine {
        private StartLine() {
        }

        /**
         * Reads {@code Request-Line = Method SP Request-URI SP SIP-Version} or
         * {@code Status-Line = SIP-Version SP Status-Code SP Reason-Phrase}, exactly one SP
         * between elements (RFC 3261 sections 7.1, 7.2, 25.1; RFC 4475 3.1.2.9, 3.1.2.10).
         *
         * @return {@code false} if the line is neither: the octets are not SIP
         */
        static boolean read(Octets buf, int lineEnd, SipHead head) {
            if (lineEnd >= SIP_VERSION_LENGTH && startsWithSipSlash(buf, 0)) {
                head.request = false;
                readStatusLine(buf, lineEnd, head);
                return true;
            }
            int i = 0;
            while (i < lineEnd && ValueScanner.isTokenChar(buf.getByte(i))) {
                i++;
            }
            if (i == 0 || i == lineEnd || buf.getByte(i) != ' ') {
                return false;
            }
            head.request = true;
            head.methodEnd = i;
            readRequestRest(buf, i + 1, lineEnd, head);
            return true;
        }

        private static void readRequestRest(Octets buf, int uriStart, int lineEnd, SipHead head) {
            int uriEnd = buf.indexOf(uriStart, lineEnd, (byte) ' ');
            head.uriStart = uriStart;
            head.uriEnd = uriEnd < 0 ? lineEnd : uriEnd;
            if (uriEnd <= uriStart || buf.indexOf(uriEnd + 1, lineEnd, (byte) ' ') >= 0) {
                head.reject(SipRejection.MALFORMED_START_LINE);
                return;
            }
            int version = version(buf, uriEnd + 1, lineEnd);
            if (version < 0) {
                head.reject(SipRejection.MALFORMED_START_LINE);
            } else if (version == 0) {
                head.reject(SipRejection.VERSION_NOT_SUPPORTED);
            }
        }

        private static void readStatusLine(Octets buf, int lineEnd, SipHead head) {
            int sp = buf.indexOf(0, lineEnd, (byte) ' ');
            int version = sp < 0 ? -1 : version(buf, 0, sp);
            if (version < 0) {
                head.reject(SipRejection.MALFORMED_START_LINE);
                return;
            }
            if (version == 0) {
                head.reject(SipRejection.VERSION_NOT_SUPPORTED);
            }
            int codeEnd = sp + 4;
            if (codeEnd > lineEnd || (codeEnd < lineEnd && buf.getByte(codeEnd) != ' ')) {
                head.reject(SipRejection.MALFORMED_STATUS_CODE);
                return;
            }
            long code = ValueScanner.parseNumber(buf, sp + 1, codeEnd);
            if (code < 100 || code > 699) {
                head.reject(SipRejection.MALFORMED_STATUS_CODE);
                return;
            }
            head.statusCode = (int) code;
            head.reasonStart = Math.min(codeEnd + 1, lineEnd);
        }

        /** 1 for SIP/2.0, 0 for another well-formed version, -1 if malformed. */
        private static int version(Octets buf, int start, int end) {
            if (end - start < SIP_VERSION_LENGTH || !startsWithSipSlash(buf, start)) {
                return -1;
            }
            int dot = buf.indexOf(start + 4, end, (byte) '.');
            if (dot < 0 || ValueScanner.parseNumber(buf, start + 4, dot) < 0
                    || ValueScanner.parseNumber(buf, dot + 1, end) < 0) {
                return -1;
            }
            boolean two = dot == start + 5 && buf.getByte(start + 4) == '2'
                    && end == dot + 2 && buf.getByte(dot + 1) == '0';
            return two ? 1 : 0;
        }

        private static boolean startsWithSipSlash(Octets buf, int start) {
            return (buf.getByte(start) | 0x20) == 's' && (buf.getByte(start + 1) | 0x20) == 'i'
                    && (buf.getByte(start + 2) | 0x20) == 'p' && buf.getByte(start + 3) == '/';
        }
    }
}
