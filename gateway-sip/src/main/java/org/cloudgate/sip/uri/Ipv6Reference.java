package org.cloudgate.sip.uri;

import org.cloudgate.sip.wire.Octets;

/**
 * The {@code IPv6address} rule of RFC 3261 section 25.1 (and RFC 5118 for its corner cases):
 * up to eight groups of one to four hex digits, at most one {@code ::}, and an optional
 * dotted IPv4 tail counting as two groups.
 */
final class Ipv6Reference {
    private static final int GROUPS = 8;

    private Ipv6Reference() {
    }

    /** Checks the address between the brackets of an IPv6 reference, {@code [start, end)}. */
    static boolean isValid(Octets buf, int start, int end) {
        int groups = 0;
        boolean compressed = false;
        int i = start;
        if (end - start >= 2 && buf.getByte(i) == ':' && buf.getByte(i + 1) == ':') {
            compressed = true;
            i += 2;
        } else if (i < end && buf.getByte(i) == ':') {
            return false;
        }
        while (i < end) {
            int groupStart = i;
            while (i < end && UriSyntax.isHex(buf.getByte(i))) {
                i++;
            }
            if (i < end && buf.getByte(i) == '.') {
                return isIpv4(buf, groupStart, end) && groups + 2 <= GROUPS && (compressed || groups + 2 == GROUPS);
            }
            int digits = i - groupStart;
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups++;
            if (i == end) {
                break;
            }
            if (buf.getByte(i) != ':') {
                return false;
            }
            i++;
            if (i < end && buf.getByte(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == end) {
                return false;
            }
        }
        return compressed ? groups < GROUPS : groups == GROUPS;
    }

    private static boolean isIpv4(Octets buf, int start, int end) {
        int octets = 0;
        int i = start;
        while (i < end) {
            int octetStart = i;
            int value = 0;
            while (i < end && UriSyntax.isDigit(buf.getByte(i))) {
                value = value * 10 + buf.getByte(i) - '0';
                i++;
            }
            if (i == octetStart || i - octetStart > 3 || value > 255) {
                return false;
            }
            octets++;
            if (i < end && (buf.getByte(i) != '.' || ++i == end)) {
                return false;
            }
        }
        return octets == 4;
    }
}
