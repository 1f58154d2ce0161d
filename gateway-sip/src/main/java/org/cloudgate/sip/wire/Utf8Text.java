package org.cloudgate.sip.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Writes text as UTF-8 into a buffer sized for its octets. Netty's {@code writeUtf8} reserves
 * three octets per character before it writes, so a buffer sized exactly for the text was grown
 * (reallocated and copied) for every message the gateway wrote.
 */
public final class Utf8Text {

    private Utf8Text() {
    }

    /** Appends {@code text} to {@code out}, growing it only if the octets do not fit. */
    public static void write(ByteBuf out, CharSequence text) {
        write(out, text, ByteBufUtil.utf8Bytes(text));
    }

    /** Appends {@code text}, {@code octets} long in UTF-8, to {@code out}. */
    private static void write(ByteBuf out, CharSequence text, int octets) {
        ByteBufUtil.reserveAndWriteUtf8(out, text, octets);
    }

    /** A buffer from {@code allocator} (for I/O) holding exactly the UTF-8 octets of {@code text}. */
    public static ByteBuf ioBuffer(CharSequence text, ByteBufAllocator allocator) {
        int octets = ByteBufUtil.utf8Bytes(text);
        ByteBuf buffer = allocator.ioBuffer(octets);
        write(buffer, text, octets);
        return buffer;
    }

    /** A heap buffer holding exactly the UTF-8 octets of {@code text}. */
    public static ByteBuf heapBuffer(CharSequence text) {
        int octets = ByteBufUtil.utf8Bytes(text);
        ByteBuf buffer = Unpooled.buffer(octets, octets);
        write(buffer, text, octets);
        return buffer;
    }
}
