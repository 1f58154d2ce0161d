package org.cloudgate.csta.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a TCP stream into CSTA frames, as retained slices, for {@link CstaMessageDecoder}.
 *
 * <p>Subclasses know the framing (ECMA-323 Annex J.2 header, or one BER TLV). A frame larger
 * than the maximum, or a stream whose framing is broken, produces one {@link DecodeFailure} with
 * {@code framingLost} set; after that every further byte is discarded, and the link is expected
 * to close the connection. Nothing is thrown into the pipeline.
 */
public abstract class CstaFrameDecoder extends ByteToMessageDecoder {

    private final int maxFrameLength;
    private boolean broken;

    /** @param maxFrameLength the largest frame accepted, header included */
    protected CstaFrameDecoder(int maxFrameLength) {
        if (maxFrameLength < 16) {
            throw new IllegalArgumentException("maxFrameLength too small: " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * The length of the frame starting at the reader index, framing included.
     *
     * @return the length, or -1 if more bytes are needed to know it
     * @throws CstaDecodeException if the bytes cannot start a frame
     */
    protected abstract int frameLength(ByteBuf in);

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int length;
        try {
            length = frameLength(in);
        } catch (CstaDecodeException e) {
            fail(in, out, DecodeFailure.FRAMING, e.describe());
            return;
        }
        if (length > maxFrameLength) {
            fail(in, out, DecodeFailure.OVERSIZED, "frame of " + length + " bytes exceeds " + maxFrameLength);
            return;
        }
        if (length < 0 || in.readableBytes() < length) {
            return;
        }
        out.add(in.readRetainedSlice(length));
    }

    private void fail(ByteBuf in, List<Object> out, String reason, String detail) {
        broken = true;
        in.skipBytes(in.readableBytes());
        out.add(new DecodeFailure(reason, detail, true));
    }
}
