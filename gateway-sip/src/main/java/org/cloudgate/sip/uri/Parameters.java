package org.cloudgate.sip.uri;

/**
 * Finds one parameter in a {@code ;name[=value]} list as written (URI parameters, RFC 3261
 * section 19.1.1, and header parameters, section 7.3.1). Names compare case-insensitively.
 */
public final class Parameters {
    private Parameters() {
    }

    /**
     * Returns the value of {@code name} in {@code params} ({@code ""} for a flag parameter), or
     * {@code null} if absent. White space around {@code ;} and {@code =} is allowed, as in header
     * parameters; quoted values are returned without their quotes.
     */
    public static String find(String params, String name) {
        int i = 0;
        int length = params.length();
        while (i < length) {
            int semicolon = nextSeparator(params, i);
            if (semicolon < 0) {
                return null;
            }
            int start = skipSpace(params, semicolon + 1);
            int next = nextSeparator(params, start);
            int end = next < 0 ? length : next;
            int equals = params.indexOf('=', start);
            int nameEnd = equals < 0 || equals > end ? end : equals;
            String candidate = params.substring(start, nameEnd).trim();
            if (candidate.equalsIgnoreCase(name)) {
                if (nameEnd == end) {
                    return "";
                }
                String value = params.substring(equals + 1, end).trim();
                return value.length() >= 2 && value.charAt(0) == '"' ? value.substring(1, value.length() - 1) : value;
            }
            i = end;
        }
        return null;
    }

    /** The next {@code ;} outside a quoted string at or after {@code from}, or -1. */
    private static int nextSeparator(String params, int from) {
        boolean quoted = false;
        for (int i = from; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
