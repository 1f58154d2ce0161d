package org.cloudgate.csta.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Decodes each frame from a {@link CstaFrameDecoder} into an {@link Inbound} message, or a
 * {@link DecodeFailure} ({@code malformed}, framing intact) when its content does not decode.
 * Stateless, so one instance serves every connection of an encoding.
 */
@Sharable
public final class CstaMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final CstaCodec codec;

    public CstaMessageDecoder(CstaCodec codec) {
        super(ByteBuf.class);
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        try {
            out.add(codec.decode(frame));
        } catch (CstaDecodeException e) {
            out.add(new DecodeFailure(DecodeFailure.MALFORMED, e.describe(), false));
        } catch (RuntimeException e) {
            out.add(new DecodeFailure(DecodeFailure.MALFORMED, "invalid content: " + e.getMessage(), false));
        }
    }
}
