package org.cloudgate.sip.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.cloudgate.sip.wire.Octets;
import org.cloudgate.sip.wire.Utf8Text;

/**
 * Where {@link MessageWriter} sends a message's pieces: ranges of the original buffer and new
 * text. Three sinks: one copy into a buffer, a composite of slices, and a length count.
 */
interface MessageSink {

    /** Emits original octets {@code [start, end)} of the message buffer. */
    void original(int start, int end);

    /** Emits new text, UTF-8 encoded. */
    void text(CharSequence text);

    /** Emits new octets (text already encoded). */
    void octets(byte[] octets);

    /** Emits a non-negative decimal number. */
    void number(long value);

    /** Emits a whole buffer (a replaced body). */
    void buffer(ByteBuf content);

    /**
     * Copies everything into one buffer. Adjacent original ranges (the untouched lines between
     * two rewrites) are copied as one run straight from the message's octets, so a message with
     * two rewrites costs a handful of array copies, not one per header line.
     */
    final class Copy implements MessageSink {
        private final Octets source;
        private final ByteBuf out;
        private int pendingStart;
        private int pendingEnd;

        Copy(Octets source, ByteBuf out) {
            this.source = source;
            this.out = out;
        }

        @Override
        public void original(int start, int end) {
            if (end <= start) {
                return;
            }
            if (pendingEnd != start) {
                flush();
                pendingStart = start;
            }
            pendingEnd = end;
        }

        @Override
        public void text(CharSequence text) {
            flush();
            Utf8Text.write(out, text);
        }

        @Override
        public void octets(byte[] octets) {
            flush();
            out.writeBytes(octets);
        }

        @Override
        public void number(long value) {
            flush();
            writeNumber(out, value);
        }

        @Override
        public void buffer(ByteBuf content) {
            flush();
            out.writeBytes(content, content.readerIndex(), content.readableBytes());
        }

        /** Copies the original run still pending; the last call after writing a message. */
        void flush() {
            if (pendingEnd > pendingStart) {
                source.copyTo(pendingStart, pendingEnd - pendingStart, out);
            }
            pendingStart = pendingEnd = 0;
        }
    }

    /** Builds a composite: adjacent original ranges become one retained slice. */
    final class Composite implements MessageSink {
        private final ByteBuf source;
        private final ByteBufAllocator allocator;
        private final CompositeByteBuf out;
        private int pendingStart = -1;
        private int pendingEnd;

        Composite(ByteBuf source, ByteBufAllocator allocator) {
            this.source = source;
            this.allocator = allocator;
            this.out = allocator.compositeBuffer(Integer.MAX_VALUE);
        }

        @Override
        public void original(int start, int end) {
            if (end <= start) {
                return;
            }
            if (pendingStart >= 0 && pendingEnd == start) {
                pendingEnd = end;
                return;
            }
            flush();
            pendingStart = start;
            pendingEnd = end;
        }

        @Override
        public void text(CharSequence text) {
            flush();
            out.addComponent(true, Utf8Text.ioBuffer(text, allocator));
        }

        @Override
        public void octets(byte[] octets) {
            if (octets.length > 0) {
                flush();
                out.addComponent(true, Unpooled.wrappedBuffer(octets));
            }
        }

        @Override
        public void number(long value) {
            flush();
            ByteBuf piece = allocator.buffer(20);
            writeNumber(piece, value);
            out.addComponent(true, piece);
        }

        @Override
        public void buffer(ByteBuf content) {
            flush();
            out.addComponent(true, content.retainedSlice());
        }

        CompositeByteBuf finish() {
            flush();
            return out;
        }

        private void flush() {
            if (pendingStart >= 0) {
                out.addComponent(true, source.retainedSlice(pendingStart, pendingEnd - pendingStart));
                pendingStart = -1;
            }
        }
    }

    /** Counts octets only. */
    final class Length implements MessageSink {
        private int length;

        @Override
        public void original(int start, int end) {
            length += Math.max(0, end - start);
        }

        @Override
        public void text(CharSequence text) {
            length += ByteBufUtil.utf8Bytes(text);
        }

        @Override
        public void octets(byte[] octets) {
            length += octets.length;
        }

        @Override
        public void number(long value) {
            long rest = value;
            do {
                length++;
                rest /= 10;
            } while (rest > 0);
        }

        @Override
        public void buffer(ByteBuf content) {
            length += content.readableBytes();
        }

        int length() {
            return length;
        }
    }

    static void writeNumber(ByteBuf out, long value) {
        if (value >= 10) {
            writeNumber(out, value / 10);
        }
        out.writeByte((int) ('0' + value % 10));
    }
}
