package org.cloudgate.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    private static final HeaderName[] NONE = new HeaderName[0];
    /**
     * Long forms by length and first letter: every known name is then compared with at most two
     * candidates (Call-ID and Contact, Replaces and Refer-To, P-Asserted-Identity and
     * Proxy-Authorization share both), usually one, and most extension headers with none.
     */
    private static final HeaderName[][] BY_LENGTH_AND_FIRST = new HeaderName[(LONGEST + 1) * 32][];

    static {
        for (HeaderName name : VALUES) {
            if (name.compactForm != NO_COMPACT_FORM) {
                BY_COMPACT_FORM[name.compactForm] = name;
            }
        }
        Arrays.fill(BY_LENGTH_AND_FIRST, NONE);
        for (HeaderName name : VALUES) {
            int slot = slot(name.lowerCase.length, name.lowerCase[0]);
            HeaderName[] candidates = Arrays.copyOf(BY_LENGTH_AND_FIRST[slot], BY_LENGTH_AND_FIRST[slot].length + 1);
            candidates[candidates.length - 1] = name;
            BY_LENGTH_AND_FIRST[slot] = candidates;
        }
    }

    private final String canonical;
    private final byte[] linePrefix;
    private final byte[] lowerCase;
    private final char compactForm;

    HeaderName(String canonical) {
        this(canonical, NO_COMPACT_FORM);
    }

    HeaderName(String canonical, char compactForm) {
        this.canonical = canonical;
        this.linePrefix = (canonical + ": ").getBytes(StandardCharsets.US_ASCII);
        this.lowerCase = canonical.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        this.compactForm = compactForm;
    }

    /** The name as written when the gateway adds this header. */
    public String canonical() {
        return canonical;
    }

    /** The start of a line the gateway adds: the canonical name, colon and space. Not to be modified. */
    byte[] linePrefix() {
        return linePrefix;
    }

    /** Returns the header with this id, as stored in a {@link HeaderIndex}. */
    static HeaderName ofId(int id) {
        return VALUES[id];
    }

    /**
     * Finds the known header spelled by {@code length} bytes of {@code buf} at {@code start},
     * long or compact form, any case. The bytes must be token characters (RFC 3261 section 25.1),
     * as a header name is.
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
        for (HeaderName name : BY_LENGTH_AND_FIRST[slot(length, buf.getByte(start))]) {
            if (name.matches(buf, start)) {
                return name;
            }
        }
        return null;
    }

    /**
     * The table slot of a name of {@code length} octets starting with {@code first}. Only the low
     * five bits of the first octet count, which folds case; a name whose first octet is not a
     * letter lands among letters' candidates and is then told apart by {@link #matches}.
     */
    private static int slot(int length, int first) {
        return length << 5 | (first & 0x1F);
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

    /**
     * Compares case-insensitively. Known names hold only letters and {@code -}; setting bit 5
     * (0x20) of a token character folds an upper-case letter to lower case and maps no other token
     * character onto a letter or {@code -}, so one OR per octet suffices. The first octet is
     * compared last: the table slot already matched its low bits.
     */
    private boolean matches(Octets buf, int start) {
        for (int i = 1; i < lowerCase.length; i++) {
            if ((buf.getByte(start + i) | 0x20) != lowerCase[i]) {
                return false;
            }
        }
        return (buf.getByte(start) | 0x20) == lowerCase[0];
    }
}
