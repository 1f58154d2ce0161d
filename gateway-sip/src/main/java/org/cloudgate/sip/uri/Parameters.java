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
            // Compared in place: most lookups (a Via's branch, a To tag) pass other parameters first.
            int trimmedEnd = trimEnd(params, start, nameEnd);
            if (trimmedEnd - start == name.length() && params.regionMatches(true, start, name, 0, name.length())) {
                if (nameEnd == end) {
                    return "";
                }
                int valueStart = skipSpace(params, equals + 1);
                int valueEnd = trimEnd(params, valueStart, end);
                return valueEnd - valueStart >= 2 && params.charAt(valueStart) == '"'
                        ? params.substring(valueStart + 1, valueEnd - 1)
                        : params.substring(valueStart, valueEnd);
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
        while (i < text.length() && text.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    /** {@code end} moved back over white space, not before {@code start}. */
    private static int trimEnd(String text, int start, int end) {
        int i = end;
        while (i > start && text.charAt(i - 1) <= ' ') {
            i--;
        }
        return i;
    }
}
