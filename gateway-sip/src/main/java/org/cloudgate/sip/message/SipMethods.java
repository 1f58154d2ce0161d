package org.cloudgate.sip.message;

import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.wire.Octets;

/**
 * The methods of RFC 3261 and its extensions, so that decoding a method name returns a shared
 * constant instead of a new string. Methods are case-sensitive (RFC 3261 section 7.1).
 */
public final class SipMethods {
    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String OPTIONS = "OPTIONS";
    public static final String REGISTER = "REGISTER";
    public static final String PRACK = "PRACK";
    public static final String UPDATE = "UPDATE";
    public static final String REFER = "REFER";
    public static final String NOTIFY = "NOTIFY";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String INFO = "INFO";
    public static final String MESSAGE = "MESSAGE";

    private static final String[] KNOWN = {
        INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, UPDATE, REFER, NOTIFY, SUBSCRIBE, INFO, MESSAGE
    };

    private SipMethods() {
    }

    /** Decodes the method in {@code [0, end)} of {@code buf}. */
    static String decode(Octets buf, int end) {
        for (String known : KNOWN) {
            if (known.length() == end && matches(buf, known)) {
                return known;
            }
        }
        return buf.toString(0, end, StandardCharsets.US_ASCII);
    }

    private static boolean matches(Octets buf, String method) {
        for (int i = 0; i < method.length(); i++) {
            if (buf.getByte(i) != method.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
