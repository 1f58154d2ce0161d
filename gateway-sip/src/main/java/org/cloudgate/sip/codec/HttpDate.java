package org.cloudgate.sip.codec;

import org.cloudgate.sip.wire.Octets;

/**
 * The {@code rfc1123-date} of the SIP Date header (RFC 3261 section 20.17):
 * {@code wkday "," SP 2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT SP "GMT"}.
 * Only GMT is allowed (RFC 4475 3.1.2.12).
 */
final class HttpDate {
    private static final String DAYS = "Mon Tue Wed Thu Fri Sat Sun";
    private static final String MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec";
    private static final String SHAPE = "www, dd mmm yyyy hh:mm:ss GMT";

    private HttpDate() {
    }

    static boolean isValid(Octets buf, int start, int end) {
        if (end - start != SHAPE.length()) {
            return false;
        }
        for (int i = 0; i < SHAPE.length(); i++) {
            char shape = SHAPE.charAt(i);
            int b = buf.getByte(start + i);
            boolean ok = switch (shape) {
                case 'd', 'y', 'h', 's' -> b >= '0' && b <= '9';
                case 'm' -> i >= 17 ? b >= '0' && b <= '9' : true;
                case 'w' -> true;
                default -> b == shape;
            };
            if (!ok) {
                return false;
            }
        }
        return isName(buf, start, DAYS) && isName(buf, start + 8, MONTHS);
    }

    private static boolean isName(Octets buf, int at, String names) {
        for (int i = 0; i + 3 <= names.length(); i += 4) {
            if (buf.getByte(at) == names.charAt(i) && buf.getByte(at + 1) == names.charAt(i + 1)
                    && buf.getByte(at + 2) == names.charAt(i + 2)) {
                return true;
            }
        }
        return false;
    }
}
