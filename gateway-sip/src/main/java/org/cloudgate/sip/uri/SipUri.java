package org.cloudgate.sip.uri;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.wire.Octets;

/**
 * A decoded {@code sip:} or {@code sips:} URI (RFC 3261 section 19.1), built only when a rule
 * needs its parts. User, parameters and headers stay as written (escapes intact) so the URI
 * can be written back unchanged; {@link #unescape(String)} decodes a part when a value is compared.
 *
 * @param secure  {@code sips}
 * @param user    user info before {@code @} (password included), empty if none
 * @param host    host name, IPv4 address or bracketed IPv6 reference
 * @param port    port, or -1 when absent
 * @param params  {@code ;name=value} parameters as written, leading {@code ;} included, or empty
 * @param headers {@code ?name=value&...} headers as written, without the {@code ?}, or empty
 */
public record SipUri(boolean secure, String user, String host, int port, String params, String headers) {

    /**
     * Parses a sip/sips URI.
     *
     * @return the URI, or {@code null} if {@code text} is not a well-formed sip/sips URI
     */
    public static SipUri parse(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Octets buf = Octets.of(bytes);
        UriParts parts = new UriParts();
        if (!UriSyntax.parse(buf, 0, bytes.length, parts) || !parts.isSip()) {
            return null;
        }
        return new SipUri(parts.schemeEnd() == 4,
                string(buf, parts.userStart(), parts.userEnd()),
                string(buf, parts.hostStart(), parts.hostEnd()),
                parts.port(),
                string(buf, parts.paramsStart(), parts.paramsEnd()),
                string(buf, parts.headersStart(), parts.headersEnd()));
    }

    /**
     * The value of the URI parameter {@code name} (case-insensitive), {@code ""} for a parameter
     * without value, or {@code null} when absent.
     */
    public String param(String name) {
        return Parameters.find(params, name);
    }

    /** The user part without the password, escapes decoded (RFC 3261 section 19.1.4 compares it so). */
    public String userName() {
        int colon = user.indexOf(':');
        return unescape(colon < 0 ? user : user.substring(0, colon));
    }

    /** Decodes {@code %HH} escapes as UTF-8 octets. */
    public static String unescape(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                out.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(secure ? "sips:" : "sip:");
        if (!user.isEmpty()) {
            out.append(user).append('@');
        }
        out.append(host);
        if (port >= 0) {
            out.append(':').append(port);
        }
        out.append(params);
        if (!headers.isEmpty()) {
            out.append('?').append(headers);
        }
        return out.toString();
    }

    private static String string(Octets buf, int start, int end) {
        return start >= end ? "" : buf.toString(start, end - start, StandardCharsets.UTF_8);
    }
}
