package org.cloudgate.rtp.sdp;

/** Internal signal of the parser; callers only ever see {@link SdpResult.Malformed}. */
final class SdpSyntaxException extends Exception {

    SdpSyntaxException(String message) {
        super(message, null, false, false);
    }

    static long number(String text, String what) throws SdpSyntaxException {
        if (text.isEmpty() || text.length() > 18) {
            throw new SdpSyntaxException(what + " is not a number: " + text);
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new SdpSyntaxException(what + " is not a number: " + text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
