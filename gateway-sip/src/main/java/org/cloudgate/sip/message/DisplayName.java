package org.cloudgate.sip.message;

/**
 * Writes a display name: kept bare when it is a run of tokens, otherwise quoted with
 * {@code "} and {@code \} escaped (RFC 3261 section 25.1, {@code display-name}).
 */
final class DisplayName {
    private DisplayName() {
    }

    static CharSequence quote(CharSequence name) {
        if (isTokens(name)) {
            return name;
        }
        StringBuilder quoted = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            if (c != '\r' && c != '\n') {
                quoted.append(c);
            }
        }
        return quoted.append('"');
    }

    private static boolean isTokens(CharSequence name) {
        boolean previousSpace = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ') {
                if (previousSpace) {
                    return false;
                }
                previousSpace = true;
            } else if (ValueScanner.isTokenChar(c)) {
                previousSpace = false;
            } else {
                return false;
            }
        }
        return !previousSpace;
    }
}
