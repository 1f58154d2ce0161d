package org.cloudgate.rtp.sdp;

import java.util.ArrayList;
import java.util.List;

/** Space-separated fields of an SDP line value (RFC 4566 section 5 uses single spaces). */
final class Tokens {

    private Tokens() {
    }

    static List<String> of(String value) {
        List<String> tokens = new ArrayList<>(8);
        int start = -1;
        for (int i = 0; i <= value.length(); i++) {
            boolean space = i == value.length() || value.charAt(i) == ' ' || value.charAt(i) == '\t';
            if (space && start >= 0) {
                tokens.add(value.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return tokens;
    }

    static String join(List<String> tokens) {
        return String.join(" ", tokens);
    }
}
