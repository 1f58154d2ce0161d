package org.cloudgate.sip.uri;

import org.cloudgate.sip.wire.Octets;

/**
 * Checks URIs in place: any {@code absoluteURI} (RFC 3261 section 25.1, scheme and opaque part),
 * and the full structure of {@code sip:}/{@code sips:} URIs (section 19.1.1): user info,
 * host (name, IPv4 or IPv6 reference), port, parameters, headers and {@code %HH} escapes.
 *
 * <p>Works on buffer ranges without copying so that every message's URIs can be checked on
 * the decode path; {@link SipUri} builds the decoded form when a caller asks for it.
 */
public final class UriSyntax {
    private static final int MAX_PORT = 65535;
    /** A stop octet for {@link #escapedRun} that no octet matches. */
    private static final int NO_STOP = -1;
    /** {@code hostname} / {@code IPv4address} characters (RFC 3261 section 25.1), by octet. */
    private static final boolean[] HOST_CHARS = new boolean[128];
    /** Characters after a scheme's first letter: {@code ALPHA / DIGIT / "+" / "-" / "."}. */
    private static final boolean[] SCHEME_CHARS = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            boolean alphanumeric = isAlpha(c) || isDigit(c);
            HOST_CHARS[c] = alphanumeric || c == '-' || c == '.' || c == '_';
            SCHEME_CHARS[c] = alphanumeric || c == '+' || c == '-' || c == '.';
        }
    }

    private UriSyntax() {
    }

    /**
     * Parses the URI in {@code [start, end)} into {@code parts}.
     *
     * @return whether it is a well-formed absolute URI (and, for sip/sips, a well-formed SIP URI)
     */
    public static boolean parse(Octets buf, int start, int end, UriParts parts) {
        parts.sip = false;
        parts.port = -1;
        parts.userStart = parts.userEnd = parts.hostStart = parts.hostEnd = start;
        parts.paramsStart = parts.paramsEnd = parts.headersStart = parts.headersEnd = end;
        int colon = schemeEnd(buf, start, end);
        if (colon < 0 || colon + 1 >= end) {
            return false;
        }
        parts.schemeEnd = colon;
        if (!isSipScheme(buf, start, colon)) {
            return visibleOnly(buf, colon + 1, end);
        }
        parts.sip = true;
        return parseSip(buf, colon + 1, end, parts);
    }

    /** No white space, control character, {@code <}, {@code >} or {@code "} (RFC 3261 section 25.1; RFC 4475 3.1.2.7). */
    private static boolean visibleOnly(Octets buf, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isVisible(buf.getByte(i) & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(int b) {
        return b > ' ' && b != '<' && b != '>' && b != '"' && b != 0x7F;
    }

    /** {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}; returns the colon's index or -1. */
    private static int schemeEnd(Octets buf, int start, int end) {
        if (start >= end || !isAlpha(buf.getByte(start))) {
            return -1;
        }
        for (int i = start + 1; i < end; i++) {
            int b = buf.getByte(i);
            if (b == ':') {
                return i;
            }
            if (b < 0 || !SCHEME_CHARS[b]) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isSipScheme(Octets buf, int start, int colon) {
        int length = colon - start;
        if (length != 3 && length != 4) {
            return false;
        }
        boolean sip = (buf.getByte(start) | 0x20) == 's'
                && (buf.getByte(start + 1) | 0x20) == 'i'
                && (buf.getByte(start + 2) | 0x20) == 'p';
        return sip && (length == 3 || (buf.getByte(start + 3) | 0x20) == 's');
    }

    /**
     * Reads user info, host, port, parameters and headers in one pass; each octet is looked at
     * once, by the rule of the component it belongs to (host and port octets by their own
     * grammar, the others by {@link #escapedRun}).
     */
    private static boolean parseSip(Octets buf, int start, int end, UriParts parts) {
        int at = buf.indexOf(start, end, (byte) '@');
        int hostStart = start;
        if (at >= 0) {
            if (at == start || escapedRun(buf, start, at, NO_STOP, NO_STOP) != at) {
                return false;
            }
            parts.userStart = start;
            parts.userEnd = at;
            hostStart = at + 1;
        }
        int hostEnd = hostStart;
        if (hostEnd < end && buf.getByte(hostEnd) == '[') {
            int close = buf.indexOf(hostEnd, end, (byte) ']');
            if (close < 0 || !Ipv6Reference.isValid(buf, hostEnd + 1, close)) {
                return false;
            }
            hostEnd = close + 1;
        } else {
            while (hostEnd < end && isHostChar(buf.getByte(hostEnd))) {
                hostEnd++;
            }
            if (hostEnd == hostStart) {
                return false;
            }
        }
        parts.hostStart = hostStart;
        parts.hostEnd = hostEnd;
        int i = hostEnd;
        if (i < end && buf.getByte(i) == ':') {
            int portStart = ++i;
            while (i < end && isDigit(buf.getByte(i))) {
                i++;
            }
            parts.port = parsePort(buf, portStart, i);
            if (parts.port < 0) {
                return false;
            }
        }
        if (i < end && buf.getByte(i) == ';') {
            parts.paramsStart = i;
            i = parameters(buf, i, end);
            if (i < 0) {
                return false;
            }
            parts.paramsEnd = i;
        }
        if (i < end && buf.getByte(i) == '?') {
            if (i + 1 >= end || escapedRun(buf, i + 1, end, NO_STOP, NO_STOP) != end) {
                return false;
            }
            parts.headersStart = i + 1;
            parts.headersEnd = end;
            i = end;
        }
        return i == end;
    }

    /**
     * Reads {@code *( ";" name [ "=" value ] )} from the {@code ;} at {@code start}: each name
     * non-empty, escapes valid (RFC 3261 section 19.1.1). Returns where the parameters end (the
     * {@code ?} of the headers, or {@code end}), or -1.
     */
    private static int parameters(Octets buf, int start, int end) {
        int i = start;
        while (i < end && buf.getByte(i) == ';') {
            int nameStart = i + 1;
            if (nameStart == end) {
                return -1;
            }
            int first = buf.getByte(nameStart);
            if (first == ';' || first == '=' || first == '?') {
                return -1;
            }
            i = escapedRun(buf, nameStart, end, ';', '?');
            if (i < 0) {
                return -1;
            }
        }
        return i;
    }

    /**
     * Reads visible octets up to {@code stop}, {@code otherStop} or {@code end}, each {@code %}
     * starting an {@code escaped = "%" HEXDIG HEXDIG} (RFC 3261 section 25.1).
     *
     * @return the index of the stop octet, or {@code end}; -1 on an invisible octet or a bad escape
     */
    private static int escapedRun(Octets buf, int start, int end, int stop, int otherStop) {
        for (int i = start; i < end; i++) {
            int b = buf.getByte(i) & 0xFF;
            if (b == stop || b == otherStop) {
                return i;
            }
            if (!isVisible(b)) {
                return -1;
            }
            if (b == '%') {
                if (i + 2 >= end || !isHex(buf.getByte(i + 1)) || !isHex(buf.getByte(i + 2))) {
                    return -1;
                }
                i += 2;
            }
        }
        return end;
    }

    private static int parsePort(Octets buf, int start, int end) {
        if (start == end || end - start > 5) {
            return -1;
        }
        int port = 0;
        for (int i = start; i < end; i++) {
            port = port * 10 + buf.getByte(i) - '0';
        }
        return port <= MAX_PORT ? port : -1;
    }

    /** Whether {@code [start, end)} is a host: a name or IPv4 address, or a bracketed IPv6 reference. */
    public static boolean isHost(Octets buf, int start, int end) {
        if (start >= end) {
            return false;
        }
        if (buf.getByte(start) == '[') {
            return end - start > 2 && buf.getByte(end - 1) == ']' && Ipv6Reference.isValid(buf, start + 1, end - 1);
        }
        for (int i = start; i < end; i++) {
            if (!isHostChar(buf.getByte(i))) {
                return false;
            }
        }
        return true;
    }

    /** Host name and IPv4 characters ({@code hostname} / {@code IPv4address}, RFC 3261 25.1). */
    public static boolean isHostChar(int b) {
        return b >= 0 && b < 128 && HOST_CHARS[b];
    }

    static boolean isAlpha(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    static boolean isHex(int b) {
        return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
