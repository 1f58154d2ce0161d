package org.cloudgate.sip.wire;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;

/**
 * A read-only view of a message's octets as an array region, for the parsers' byte-at-a-time
 * loops: an array read is bounds-checked by the JVM alone, while {@link ByteBuf#getByte} also
 * checks the buffer's reference count and its own bounds on every octet.
 *
 * <p>Index 0 is the first octet of the message. A heap buffer is viewed in place; any other
 * buffer (direct, composite) is copied once.
 */
public final class Octets {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long REPEAT_BYTE = 0x0101010101010101L;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    private final byte[] array;
    private final int offset;
    private final int length;

    private Octets(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** The first {@code length} octets of {@code buf}, counted from its index 0. */
    public static Octets of(ByteBuf buf, int length) {
        return of(buf, 0, length);
    }

    /** {@code length} octets of {@code buf} from {@code index}, which becomes index 0. */
    public static Octets of(ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            return new Octets(buf.array(), buf.arrayOffset() + index, length);
        }
        byte[] copy = new byte[length];
        buf.getBytes(index, copy, 0, length);
        return new Octets(copy, 0, length);
    }

    /** A view of a whole array. */
    public static Octets of(byte[] array) {
        return new Octets(array, 0, array.length);
    }

    public int length() {
        return length;
    }

    public byte getByte(int index) {
        return array[offset + index];
    }

    /**
     * The index of the first {@code value} in {@code [from, to)}, or -1. Eight octets are
     * compared at a time (the SWAR zero-byte test Netty's own search uses); finding the end of
     * each header line is the parser's most frequent operation.
     */
    public int indexOf(int from, int to, byte value) {
        int i = offset + Math.max(from, 0);
        int end = offset + to;
        long pattern = (value & 0xFFL) * REPEAT_BYTE;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(array, i) ^ pattern;
            long zeroes = ~((word & LOW_SEVEN_BITS) + LOW_SEVEN_BITS | word | LOW_SEVEN_BITS);
            if (zeroes != 0) {
                return i - offset + (Long.numberOfTrailingZeros(zeroes) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (array[i] == value) {
                return i - offset;
            }
        }
        return -1;
    }

    /** Appends octets {@code [start, start + count)} to {@code out}: one array copy. */
    public void copyTo(int start, int count, ByteBuf out) {
        out.writeBytes(array, offset + start, count);
    }

    public String toString(int start, int count, Charset charset) {
        return new String(array, offset + start, count, charset);
    }
}
