package org.cloudgate.sip.message;

import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.wire.Octets;

/**
 * The header fields the gateway routes on or rewrites, with their compact forms.
 *
 * <p>Header names are case-insensitive and a compact form is equivalent to the long one
 * (RFC 3261 section 7.3.3); every other header is kept as an "extension" header and reached by
 * its name. Lookup works on the raw bytes of the message so that indexing a message allocates
 * nothing.
 */
public enum HeaderName {
    VIA("Via", 'v'),
    FROM("From", 'f'),
    TO("To", 't'),
    CALL_ID("Call-ID", 'i'),
    CSEQ("CSeq"),
    CONTACT("Contact", 'm'),
    ROUTE("Route"),
    RECORD_ROUTE("Record-Route"),
    MAX_FORWARDS("Max-Forwards"),
    CONTENT_LENGTH("Content-Length", 'l'),
    CONTENT_TYPE("Content-Type", 'c'),
    CONTENT_ENCODING("Content-Encoding", 'e'),
    SUBJECT("Subject", 's'),
    SUPPORTED("Supported", 'k'),
    REQUIRE("Require"),
    PROXY_REQUIRE("Proxy-Require"),
    DIVERSION("Diversion"),
    HISTORY_INFO("History-Info"),
    P_ASSERTED_IDENTITY("P-Asserted-Identity"),
    PRIVACY("Privacy"),
    SESSION_EXPIRES("Session-Expires", 'x'),
    MIN_SE("Min-SE"),
    REPLACES("Replaces"),
    REFER_TO("Refer-To", 'r'),
    REFERRED_BY("Referred-By", 'b'),
    AUTHORIZATION("Authorization"),
    PROXY_AUTHORIZATION("Proxy-Authorization"),
    WWW_AUTHENTICATE("WWW-Authenticate"),
    PROXY_AUTHENTICATE("Proxy-Authenticate"),
    DATE("Date"),
    EXPIRES("Expires"),
    EVENT("Event", 'o'),
    ALLOW_EVENTS("Allow-Events", 'u'),
    IDENTITY("Identity", 'y'),
    ACCEPT_CONTACT("Accept-Contact", 'a'),
    REJECT_CONTACT("Reject-Contact", 'j'),
    REQUEST_DISPOSITION("Request-Disposition", 'd');

    private static final char NO_COMPACT_FORM = 0;
    private static final HeaderName[] VALUES = values();
    private static final HeaderName[] BY_COMPACT_FORM = new HeaderName[128];
    private static final int LONGEST = 32;
    /** Long forms grouped by length, so a lookup compares a name with few candidates. */
    private static final HeaderName[][] BY_LENGTH = new HeaderName[LONGEST + 1][];

    static {
        for (HeaderName name : VALUES) {
            if (name.compactForm != NO_COMPACT_FORM) {
                BY_COMPACT_FORM[name.compactForm] = name;
            }
        }
        for (int length = 0; length <= LONGEST; length++) {
            int size = length;
            BY_LENGTH[length] = java.util.Arrays.stream(VALUES)
                    .filter(name -> name.lowerCase.length == size)
                    .toArray(HeaderName[]::new);
        }
    }

    private final String canonical;
    private final byte[] lowerCase;
    private final char compactForm;

    HeaderName(String canonical) {
        this(canonical, NO_COMPACT_FORM);
    }

    HeaderName(String canonical, char compactForm) {
        this.canonical = canonical;
        this.lowerCase = canonical.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        this.compactForm = compactForm;
    }

    /** The name as written when the gateway adds this header. */
    public String canonical() {
        return canonical;
    }

    /** Returns the header with this id, as stored in a {@link HeaderIndex}. */
    static HeaderName ofId(int id) {
        return VALUES[id];
    }

    /**
     * Finds the known header spelled by {@code length} bytes of {@code buf} at {@code start},
     * long or compact form, any case.
     *
     * @return the header, or {@code null} for an extension header
     */
    public static HeaderName lookup(Octets buf, int start, int length) {
        if (length == 1) {
            int c = Character.toLowerCase(buf.getByte(start) & 0x7F);
            return BY_COMPACT_FORM[c];
        }
        if (length > LONGEST) {
            return null;
        }
        for (HeaderName name : BY_LENGTH[length]) {
            if (name.matches(buf, start)) {
                return name;
            }
        }
        return null;
    }

    /** Finds the known header with this name, long or compact form, any case. */
    public static HeaderName lookup(CharSequence text) {
        if (text.length() == 1) {
            char c = Character.toLowerCase(text.charAt(0));
            return c < 128 ? BY_COMPACT_FORM[c] : null;
        }
        for (HeaderName name : VALUES) {
            if (name.canonical.equalsIgnoreCase(text.toString())) {
                return name;
            }
        }
        return null;
    }

    private boolean matches(Octets buf, int start) {
        for (int i = 0; i < lowerCase.length; i++) {
            int b = buf.getByte(start + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }
}
