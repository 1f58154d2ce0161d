package org.cloudgate.csta.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.cloudgate.csta.model.CstaMessage;

/**
 * Encodes outgoing messages with the connection's codec, framing included. For XML it writes
 * the namespace the peer uses (ECMA-323 editions differ only in it), learned from the first
 * document received; until then the configured default.
 */
public final class CstaMessageEncoder extends MessageToByteEncoder<CstaMessage> {

    private final CstaCodec codec;
    private volatile String namespace;

    public CstaMessageEncoder(CstaCodec codec, String namespace) {
        super(CstaMessage.class);
        this.codec = codec;
        this.namespace = namespace;
    }

    /** Answers from now on in this ECMA-323 namespace. */
    public void useNamespace(String peerNamespace) {
        this.namespace = peerNamespace;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CstaMessage message, ByteBuf out) {
        codec.encode(message, namespace, out);
    }
}
