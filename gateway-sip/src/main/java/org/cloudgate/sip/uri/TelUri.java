package org.cloudgate.sip.uri;

/**
 * A decoded {@code tel:} URI (RFC 3966): the number as written and its parameters. The gateway
 * reads the number of a call-through or GSM destination from it.
 *
 * @param number the global ({@code +...}) or local number, visual separators kept
 * @param params {@code ;name=value} parameters as written, leading {@code ;} included, or empty
 */
public record TelUri(String number, String params) {

    /** Parses a tel URI; returns {@code null} if {@code text} is not one. */
    public static TelUri parse(CharSequence text) {
        String uri = text.toString();
        if (uri.length() < 5 || !uri.regionMatches(true, 0, "tel:", 0, 4)) {
            return null;
        }
        int semicolon = uri.indexOf(';', 4);
        String number = semicolon < 0 ? uri.substring(4) : uri.substring(4, semicolon);
        if (number.isEmpty() || !isPhoneNumber(number)) {
            return null;
        }
        return new TelUri(number, semicolon < 0 ? "" : uri.substring(semicolon));
    }

    /** The number with the visual separators {@code -.()} removed (RFC 3966 section 5.1.1). */
    public String digits() {
        StringBuilder out = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The value of parameter {@code name}, {@code ""} if it has none, {@code null} if absent. */
    public String param(String name) {
        return Parameters.find(params, name);
    }

    private static boolean isPhoneNumber(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == '+' || c == '-' || c == '.' || c == '(' || c == ')' || c == '*' || c == '#';
            if (!allowed || (c == '+' && i > 0)) {
                return false;
            }
        }
        return true;
    }
}
