package org.cloudgate.csta.decode;

import java.io.ByteArrayOutputStream;

/** Recognises how a captured CSTA message was saved: XML or BER, framed or bare, binary or hex. */
final class CaptureFormat {

    private CaptureFormat() {
    }

    /** {@code xml} for a document or an Annex J.2 frame, {@code ber} for anything else. */
    static String guessEncoding(byte[] bytes) {
        if (hasAnnexJ2Header(bytes)) {
            return "xml";
        }
        for (byte b : bytes) {
            if (b == '<') {
                return "xml";
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB
                    && b != (byte) 0xBF) {
                return "ber";
            }
        }
        return "ber";
    }

    /** Whether the bytes start with an ECMA-323 Annex J.2 header: two zero bytes, length, four digits. */
    static boolean hasAnnexJ2Header(byte[] bytes) {
        if (bytes.length < 9 || bytes[0] != 0 || bytes[1] != 0) {
            return false;
        }
        for (int i = 4; i < 8; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the file is hex digits, with whitespace, colons or commas between octets and
     * optionally a {@code 0x} before each.
     */
    static boolean isHexText(byte[] bytes) {
        int digits = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (prefix(bytes, i)) {
                i++;
            } else if (Character.digit(bytes[i], 16) >= 0) {
                digits++;
            } else if (!separator(bytes[i])) {
                return false;
            }
        }
        return digits > 0 && digits % 2 == 0;
    }

    static byte[] parseHex(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 2);
        int high = -1;
        for (int i = 0; i < text.length; i++) {
            if (prefix(text, i)) {
                i++;
                continue;
            }
            int digit = Character.digit(text[i], 16);
            if (digit < 0) {
                continue;
            }
            if (high < 0) {
                high = digit;
            } else {
                out.write(high << 4 | digit);
                high = -1;
            }
        }
        return out.toByteArray();
    }

    /** A {@code 0x} prefix: a zero and an x at the start of a token. */
    private static boolean prefix(byte[] bytes, int i) {
        return bytes[i] == '0' && i + 1 < bytes.length && (bytes[i + 1] == 'x' || bytes[i + 1] == 'X')
                && (i == 0 || separator(bytes[i - 1]));
    }

    private static boolean separator(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == ':' || b == ',';
    }
}
