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
        for (int i = colon + 1; i < end; i++) {
            int b = buf.getByte(i) & 0xFF;
            if (b <= ' ' || b == '<' || b == '>' || b == '"' || b == 0x7F) {
                return false;
            }
        }
        if (!isSipScheme(buf, start, colon)) {
            return true;
        }
        parts.sip = true;
        return parseSip(buf, colon + 1, end, parts);
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
            if (!isAlpha(b) && !isDigit(b) && b != '+' && b != '-' && b != '.') {
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

    private static boolean parseSip(Octets buf, int start, int end, UriParts parts) {
        int at = buf.indexOf(start, end, (byte) '@');
        int hostStart = start;
        if (at >= 0) {
            if (at == start || !escapesValid(buf, start, at)) {
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
            int paramsEnd = indexOrEnd(buf, i, end, '?');
            if (!parametersValid(buf, i, paramsEnd)) {
                return false;
            }
            parts.paramsStart = i;
            parts.paramsEnd = paramsEnd;
            i = paramsEnd;
        }
        if (i < end && buf.getByte(i) == '?') {
            if (i + 1 >= end || !escapesValid(buf, i + 1, end)) {
                return false;
            }
            parts.headersStart = i + 1;
            parts.headersEnd = end;
            i = end;
        }
        return i == end;
    }

    /** Each {@code ;name[=value]} has a non-empty name and valid escapes (RFC 3261 19.1.1). */
    private static boolean parametersValid(Octets buf, int start, int end) {
        int i = start;
        while (i < end) {
            int next = indexOrEnd(buf, i + 1, end, ';');
            if (next == i + 1 || buf.getByte(i + 1) == '=' || !escapesValid(buf, i + 1, next)) {
                return false;
            }
            i = next;
        }
        return true;
    }

    /** Every {@code %} starts an {@code escaped = "%" HEXDIG HEXDIG} (RFC 3261 section 25.1). */
    private static boolean escapesValid(Octets buf, int start, int end) {
        for (int i = start; i < end; i++) {
            if (buf.getByte(i) == '%') {
                if (i + 2 >= end) {
                    return false;
                }
                if (!isHex(buf.getByte(i + 1)) || !isHex(buf.getByte(i + 2))) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
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

    private static int indexOrEnd(Octets buf, int from, int end, char c) {
        int i = buf.indexOf(from, end, (byte) c);
        return i < 0 ? end : i;
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
        return isAlpha(b) || isDigit(b) || b == '-' || b == '.' || b == '_';
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
