package org.cloudgate.csta.ber;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.cloudgate.csta.codec.CstaDecodeException;

/**
 * A cursor over definite-length BER (ITU-T X.690 8.1) in a {@link ByteBuf}, without copying.
 *
 * <p>Constructed values are entered and left explicitly; the reader keeps a stack of their end
 * offsets, bounded by a maximum depth so that hostile nesting fails cleanly. Every violation
 * (truncation, a length past the enclosing value, indefinite length, an unexpected tag) throws
 * {@link CstaDecodeException} with the offset. Single-octet tags are returned as the identifier
 * octet itself (e.g. {@code 0xA1}); high tag numbers (X.690 8.1.2.4) as
 * {@code 0x1F | class bits | number << 8}, which never equals a single-octet tag.
 *
 * <p>One reader serves one frame on one thread.
 */
final class BerReader {

    private final ByteBuf buf;
    private final int origin;
    private final int[] ends;
    private int depth;
    private int position;
    private int limit;
    private int ignored;

    private int tag = -1;
    private int valueStart;
    private int valueLength;

    BerReader(ByteBuf buf, int start, int end, int maxDepth) {
        this.buf = buf;
        this.origin = start;
        this.position = start;
        this.limit = end;
        this.ends = new int[maxDepth];
    }

    /** Whether the current constructed value (or the frame) has more elements. */
    boolean hasMore() {
        return position < limit;
    }

    /** The tag of the next element, reading its header; -1 at the end of the current value. */
    int peekTag() {
        if (tag >= 0) {
            return tag;
        }
        if (position >= limit) {
            return -1;
        }
        int index = position;
        int first = buf.getByte(index++) & 0xFF;
        int t = first;
        if ((first & 0x1F) == 0x1F) {
            int number = 0;
            int b;
            do {
                if (index >= limit) {
                    throw fail("truncated tag", index);
                }
                b = buf.getByte(index++) & 0xFF;
                number = (number << 7) | (b & 0x7F);
                if (number > 0xFFFFF) {
                    throw fail("tag number too large", index);
                }
            } while ((b & 0x80) != 0);
            t = (first & 0xFF) | (number << 8);
        }
        if (index >= limit) {
            throw fail("truncated length", index);
        }
        int lengthOctet = buf.getByte(index++) & 0xFF;
        int length;
        if (lengthOctet < 0x80) {
            length = lengthOctet;
        } else if (lengthOctet == 0x80) {
            throw fail("indefinite length is not accepted", index - 1);
        } else {
            int count = lengthOctet & 0x7F;
            if (count > 3) {
                throw fail("length of " + count + " octets is too large", index - 1);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                if (index >= limit) {
                    throw fail("truncated length", index);
                }
                length = (length << 8) | (buf.getByte(index++) & 0xFF);
            }
        }
        if (length > limit - index) {
            throw fail("length " + length + " runs past the enclosing value", position);
        }
        tag = t;
        valueStart = index;
        valueLength = length;
        return t;
    }

    /** Whether the next element has this tag. */
    boolean at(int expected) {
        return peekTag() == expected;
    }

    /** Enters the next element, which must be constructed and have this tag. */
    void enter(int expected) {
        expect(expected);
        if ((tag & 0x20) == 0) {
            throw fail("expected a constructed value", position);
        }
        if (depth == ends.length) {
            throw fail("nested deeper than " + ends.length + " levels", position);
        }
        ends[depth++] = limit;
        limit = valueStart + valueLength;
        position = valueStart;
        tag = -1;
    }

    /** Leaves the current constructed value, skipping what was not read (counted as ignored). */
    void exit() {
        while (position < limit) {
            skip();
        }
        position = limit;
        limit = ends[--depth];
        tag = -1;
    }

    /** Skips the next element and counts it as ignored. */
    void skip() {
        peekTag();
        ignored++;
        consume();
    }

    /** Skips the next element, which the caller knows and does not need (not counted). */
    void pass() {
        peekTag();
        consume();
    }

    /** Reads an INTEGER or ENUMERATED value (X.690 8.3) with this tag. */
    int readInt(int expected) {
        expect(expected);
        if (valueLength < 1 || valueLength > 4) {
            throw fail("integer of " + valueLength + " octets", position);
        }
        int value = buf.getByte(valueStart);
        for (int i = 1; i < valueLength; i++) {
            value = (value << 8) | (buf.getByte(valueStart + i) & 0xFF);
        }
        consume();
        return value;
    }

    /** Reads a BOOLEAN (X.690 8.2) with this tag. */
    boolean readBoolean(int expected) {
        expect(expected);
        if (valueLength != 1) {
            throw fail("boolean of " + valueLength + " octets", position);
        }
        boolean value = buf.getByte(valueStart) != 0;
        consume();
        return value;
    }

    /** Reads a NULL with this tag. */
    void readNull(int expected) {
        expect(expected);
        if (valueLength != 0) {
            throw fail("null with content", position);
        }
        consume();
    }

    /**
     * Reads a primitive string (OCTET STRING, IA5String, GraphicString) with this tag, one
     * character per octet (ISO 8859-1), so that opaque identifiers survive unchanged.
     */
    String readString(int expected) {
        expect(expected);
        if ((tag & 0x20) != 0) {
            throw fail("constructed strings are not accepted", position);
        }
        String value = buf.toString(valueStart, valueLength, StandardCharsets.ISO_8859_1);
        consume();
        return value;
    }

    /** The offset of the next element from the start of the frame. */
    int offset() {
        return position - origin;
    }

    /** How many elements were skipped as unknown so far. */
    int ignored() {
        return ignored;
    }

    /** A decode failure at the reader's position. */
    CstaDecodeException fail(String message) {
        return fail(message, position);
    }

    private void expect(int expected) {
        int actual = peekTag();
        if (actual != expected) {
            throw fail(actual < 0
                    ? "missing element with tag " + hex(expected)
                    : "expected tag " + hex(expected) + ", found " + hex(actual), position);
        }
    }

    private void consume() {
        position = valueStart + valueLength;
        tag = -1;
    }

    private CstaDecodeException fail(String message, int index) {
        return new CstaDecodeException(message, index - origin);
    }

    static String hex(int tag) {
        return "0x" + Integer.toHexString(tag).toUpperCase();
    }
}
