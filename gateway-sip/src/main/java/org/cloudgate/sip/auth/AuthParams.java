package org.cloudgate.sip.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The auth-params of a challenge or credentials value (RFC 3261 section 25.1, RFC 7616 section
 * 3.3): comma-separated {@code name=token} or {@code name="quoted string"}, names
 * case-insensitive. Quoted values keep their commas and semicolons (a digest-uri often has
 * {@code ;transport=tcp}) and lose their quoting.
 */
final class AuthParams {

    private final Map<String, String> values;

    private AuthParams(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code text}, the value after the scheme.
     *
     * @return the parameters, or {@code null} when {@code text} is not a well-formed list
     */
    static AuthParams parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        int length = text.length();
        while (true) {
            i = skipSeparators(text, i);
            if (i >= length) {
                return new AuthParams(values);
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                return null;
            }
            String name = text.substring(i, equals).trim().toLowerCase(Locale.ROOT);
            i = skipSpace(text, equals + 1);
            StringBuilder value = new StringBuilder();
            if (i < length && text.charAt(i) == '"') {
                i++;
                while (i < length && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < length) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                if (i >= length) {
                    return null;
                }
                i++;
            } else {
                while (i < length && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            if (name.isEmpty() || values.putIfAbsent(name, value.toString().trim()) != null) {
                return null;
            }
        }
    }

    /** The value of {@code name} (lower case), or {@code null}. */
    String get(String name) {
        return values.get(name);
    }

    private static int skipSeparators(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code value} as a quoted-string, with {@code "} and {@code \} escaped (RFC 3261 section 25.1). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
