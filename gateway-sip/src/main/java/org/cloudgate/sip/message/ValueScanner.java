package org.cloudgate.sip.message;

import org.cloudgate.sip.wire.Octets;

/**
 * A cursor over one header value in the message buffer, reading the lexical elements of the
 * RFC 3261 section 25.1 grammar: tokens, quoted strings, digits and linear white space.
 *
 * <p>Each successful read records the span it consumed ({@link #spanStart()},
 * {@link #spanEnd()}); nothing is copied. Folded lines need no special case: CR and LF inside a
 * value are always followed by white space (checked when the header block was indexed), so they
 * count as LWS here.
 */
public final class ValueScanner {
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 'a' + 'A'] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c : "-.!%*_+`'~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private Octets buf;
    private int end;
    private int pos;
    private int spanStart;
    private int spanEnd;

    public ValueScanner(Octets buf, int start, int end) {
        reset(buf, start, end);
    }

    /** Points this scanner at another value, so that one scanner serves a whole message. */
    public ValueScanner reset(Octets octets, int start, int valueEnd) {
        this.buf = octets;
        this.pos = start;
        this.end = valueEnd;
        return this;
    }

    /** RFC 3261 section 25.1 {@code token} characters. */
    public static boolean isTokenChar(int b) {
        return b >= 0 && b < 128 && TOKEN[b];
    }

    /** SP, HTAB, CR or LF: the octets of linear white space. */
    public static boolean isLws(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    public Octets buffer() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public void position(int position) {
        this.pos = position;
    }

    public int end() {
        return end;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    /** The next octet, or -1 at the end of the value. */
    public int peek() {
        return pos < end ? buf.getByte(pos) & 0xFF : -1;
    }

    public int spanStart() {
        return spanStart;
    }

    public int spanEnd() {
        return spanEnd;
    }

    /** Skips linear white space; returns whether any was skipped. */
    public boolean skipLws() {
        int start = pos;
        while (pos < end && isLws(buf.getByte(pos))) {
            pos++;
        }
        return pos > start;
    }

    /** Consumes {@code c} if it is the next octet. */
    public boolean accept(char c) {
        if (pos < end && buf.getByte(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Skips LWS, then consumes {@code c} if it is the next octet ({@code SEMI}, {@code COMMA}...). */
    public boolean acceptSeparator(char c) {
        int mark = pos;
        skipLws();
        if (accept(c)) {
            skipLws();
            return true;
        }
        pos = mark;
        return false;
    }

    /** Reads {@code 1*token-char}. */
    public boolean token() {
        int start = pos;
        while (pos < end && isTokenChar(buf.getByte(pos))) {
            pos++;
        }
        return span(start);
    }

    /** Reads {@code 1*DIGIT}. */
    public boolean digits() {
        int start = pos;
        while (pos < end && isDigit(buf.getByte(pos))) {
            pos++;
        }
        return span(start);
    }

    /**
     * Reads a quoted string with its quoted pairs (RFC 3261 section 25.1); fails on an
     * unterminated string. The span includes both quotes.
     */
    public boolean quotedString() {
        int start = pos;
        if (!accept('"')) {
            return false;
        }
        while (pos < end) {
            int b = buf.getByte(pos++) & 0xFF;
            if (b == '"') {
                return span(start);
            }
            if (b == '\\') {
                if (pos >= end) {
                    break;
                }
                int escaped = buf.getByte(pos++) & 0xFF;
                if (escaped == '\r' || escaped == '\n' || escaped > 0x7F) {
                    break;
                }
            }
        }
        pos = start;
        return false;
    }

    /** Reads octets up to (not including) the first LWS or {@code stop}. */
    public boolean until(char stop) {
        return until(stop, stop);
    }

    /** Reads octets up to (not including) the first LWS, {@code stop} or {@code otherStop}. */
    public boolean until(char stop, char otherStop) {
        int start = pos;
        while (pos < end) {
            int b = buf.getByte(pos);
            if (b == stop || b == otherStop || b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                break;
            }
            pos++;
        }
        return span(start);
    }

    /**
     * Reads octets up to (not including) the next {@code stop}, whatever they are, searching a
     * word at a time; fails if there is none or the span is empty. For spans whose every octet
     * the caller checks afterwards.
     */
    public boolean upTo(char stop) {
        int found = buf.indexOf(pos, end, (byte) stop);
        if (found < 0) {
            return false;
        }
        int start = pos;
        pos = found;
        return span(start);
    }

    /**
     * Reads {@code *( SEMI generic-param )} (RFC 3261 section 25.1): each parameter has a token
     * name and optionally {@code EQUAL} and a token, host or quoted-string value. White space
     * around {@code ;} and {@code =} is allowed; an empty parameter ({@code ;;}) is not.
     */
    public boolean parameters() {
        while (acceptSeparator(';')) {
            if (!token()) {
                return false;
            }
            if (acceptSeparator('=') && !(peek() == '"' ? quotedString() : paramValue())) {
                return false;
            }
        }
        return true;
    }

    /** Reads a {@code token} or {@code host} parameter value, IPv6 references included. */
    private boolean paramValue() {
        int start = pos;
        while (pos < end) {
            int b = buf.getByte(pos);
            if (!isTokenChar(b) && b != ':' && b != '[' && b != ']') {
                break;
            }
            pos++;
        }
        return span(start);
    }

    /** Decodes the last span as a non-negative number, or -1 if it does not fit in 63 bits. */
    public long spanAsNumber() {
        return parseNumber(buf, spanStart, spanEnd);
    }

    /** Decodes the last span as a string; header values may carry UTF-8 (RFC 3261 section 7.3.1). */
    public String spanAsString() {
        return buf.toString(spanStart, spanEnd - spanStart, java.nio.charset.StandardCharsets.UTF_8);
    }

    private boolean span(int start) {
        if (pos == start) {
            return false;
        }
        spanStart = start;
        spanEnd = pos;
        return true;
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** Parses {@code 1*DIGIT} in {@code [start, end)}; -1 if empty, not digits or too large. */
    public static long parseNumber(Octets buf, int start, int end) {
        if (start >= end) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int b = buf.getByte(i);
            if (!isDigit(b) || value > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
