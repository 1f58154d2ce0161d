package org.cloudgate.sip.message;

import java.util.Arrays;

/**
 * Positions of the header fields of one message, found in one pass over its header block.
 *
 * <p>Four ints per header, relative to the message buffer: line start, name length and known-header
 * id packed together, value start and value end (trailing whitespace excluded, folded lines
 * included, RFC 3261 section 7.3.1). A line ends where the next one starts; the last one ends
 * at {@link #headEnd()}, the first octet of the empty line that closes the header block.
 *
 * <p>While a head is read the positions go into a scratch array reused by the reading thread;
 * {@link #compact()} then copies them into an array of the exact size, so a message keeps only
 * what its own headers take.
 */
public final class HeaderIndex {
    private static final int STRIDE = 4;
    private static final int EXTENSION_ID = 0xFFFF;

    private int[] slots;
    private int size;
    private int headEnd;
    /** One bit per known header present (bit = ordinal), so asking for an absent one scans nothing. */
    private long present;

    static {
        if (HeaderName.values().length > Long.SIZE) {
            throw new IllegalStateException("more known headers than bits in HeaderIndex.present");
        }
    }

    /** An index that writes into {@code scratch} until {@link #compact()}. */
    HeaderIndex(int[] scratch) {
        this.slots = scratch;
    }

    /** The scratch array length that holds {@code headers} header lines. */
    static int scratchLength(int headers) {
        return headers * STRIDE;
    }

    /** Moves the positions out of the scratch array into one of their own, exactly sized. */
    void compact() {
        slots = Arrays.copyOf(slots, size * STRIDE);
    }

    /** Records one header line. {@code name} is {@code null} for an extension header. */
    public void add(int lineStart, int nameLength, HeaderName name, int valueStart, int valueEnd) {
        if ((size + 1) * STRIDE > slots.length) {
            slots = Arrays.copyOf(slots, Math.max(STRIDE, slots.length * 2));
        }
        int base = size * STRIDE;
        slots[base] = lineStart;
        slots[base + 1] = nameLength << 16 | (name == null ? EXTENSION_ID : name.ordinal());
        if (name != null) {
            present |= 1L << name.ordinal();
        }
        slots[base + 2] = valueStart;
        slots[base + 3] = valueEnd;
        size++;
    }

    /** Widens a header's value over a folded continuation line (RFC 3261 section 7.3.1). */
    public void fold(int header, int valueStart, int valueEnd) {
        slots[header * STRIDE + 2] = valueStart;
        slots[header * STRIDE + 3] = valueEnd;
    }

    /** Marks where the header block ends (the start of its closing empty line). */
    public void headEnd(int offset) {
        this.headEnd = offset;
    }

    public int headEnd() {
        return headEnd;
    }

    public int size() {
        return size;
    }

    public int lineStart(int header) {
        return slots[header * STRIDE];
    }

    /** Offset just past the line of this header, its CRLF included. */
    public int lineEnd(int header) {
        return header + 1 < size ? lineStart(header + 1) : headEnd;
    }

    public int nameLength(int header) {
        return slots[header * STRIDE + 1] >>> 16;
    }

    /** The known header at this position, or {@code null} for an extension header. */
    public HeaderName name(int header) {
        int id = slots[header * STRIDE + 1] & 0xFFFF;
        return id == EXTENSION_ID ? null : HeaderName.ofId(id);
    }

    public int valueStart(int header) {
        return slots[header * STRIDE + 2];
    }

    public int valueEnd(int header) {
        return slots[header * STRIDE + 3];
    }

    /** Position of the first header named {@code name} at or after {@code from}, or -1. */
    public int next(HeaderName name, int from) {
        int wanted = name.ordinal();
        if ((present & 1L << wanted) == 0) {
            return -1;
        }
        for (int i = from; i < size; i++) {
            if ((slots[i * STRIDE + 1] & 0xFFFF) == wanted) {
                return i;
            }
        }
        return -1;
    }
}
