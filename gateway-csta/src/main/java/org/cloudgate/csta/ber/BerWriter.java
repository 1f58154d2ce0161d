package org.cloudgate.csta.ber;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Writes definite-length BER (ITU-T X.690, DER length form) into a growable array.
 *
 * <p>A constructed value is opened with {@link #start}, which reserves one length octet, and
 * closed with {@link #end}, which writes the length and, past 127 octets, moves the content to
 * make room for the long form (X.690 8.1.3.5). All tags are single-octet (numbers below 31),
 * which covers every tag the gateway writes.
 */
final class BerWriter {

    private static final int MAX_DEPTH = 32;

    private byte[] bytes = new byte[256];
    private int size;
    private final int[] starts = new int[MAX_DEPTH];
    private int depth;

    /** Opens a constructed value with this identifier octet. */
    BerWriter start(int tag) {
        put(tag);
        put(0);
        starts[depth++] = size;
        return this;
    }

    /** Closes the innermost constructed value. */
    BerWriter end() {
        int contentStart = starts[--depth];
        int length = size - contentStart;
        if (length < 0x80) {
            bytes[contentStart - 1] = (byte) length;
            return this;
        }
        int extra = length <= 0xFF ? 1 : length <= 0xFFFF ? 2 : 3;
        ensure(extra);
        System.arraycopy(bytes, contentStart, bytes, contentStart + extra, length);
        bytes[contentStart - 1] = (byte) (0x80 | extra);
        for (int i = 0; i < extra; i++) {
            bytes[contentStart + i] = (byte) (length >>> (8 * (extra - 1 - i)));
        }
        size += extra;
        return this;
    }

    /** Writes an INTEGER or ENUMERATED in the fewest octets (X.690 8.3.2). */
    BerWriter writeInt(int tag, int value) {
        int octets = 1;
        while (octets < 4 && (value >> (8 * octets - 1)) != 0 && (value >> (8 * octets - 1)) != -1) {
            octets++;
        }
        put(tag);
        put(octets);
        for (int i = octets - 1; i >= 0; i--) {
            put(value >>> (8 * i));
        }
        return this;
    }

    /** Writes a BOOLEAN, TRUE as 0xFF (X.690 11.1). */
    BerWriter writeBoolean(int tag, boolean value) {
        put(tag);
        put(1);
        put(value ? 0xFF : 0);
        return this;
    }

    /** Writes a NULL. */
    BerWriter writeNull(int tag) {
        put(tag);
        put(0);
        return this;
    }

    /** Writes a primitive string, one octet per character (ISO 8859-1). */
    BerWriter writeString(int tag, String value) {
        int length = value.length();
        put(tag);
        putLength(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) value.charAt(i);
        }
        return this;
    }

    /** Writes a primitive value from raw content octets. */
    BerWriter writeBytes(int tag, byte[] content) {
        put(tag);
        putLength(content.length);
        ensure(content.length);
        System.arraycopy(content, 0, bytes, size, content.length);
        size += content.length;
        return this;
    }

    /** Copies what was written to the buffer. */
    void writeTo(ByteBuf out) {
        if (depth != 0) {
            throw new IllegalStateException(depth + " constructed values left open");
        }
        out.writeBytes(bytes, 0, size);
    }

    /** What was written, as a new array. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void putLength(int length) {
        if (length < 0x80) {
            put(length);
        } else if (length <= 0xFF) {
            put(0x81);
            put(length);
        } else if (length <= 0xFFFF) {
            put(0x82);
            put(length >>> 8);
            put(length);
        } else {
            put(0x83);
            put(length >>> 16);
            put(length >>> 8);
            put(length);
        }
    }

    private void put(int octet) {
        ensure(1);
        bytes[size++] = (byte) octet;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
