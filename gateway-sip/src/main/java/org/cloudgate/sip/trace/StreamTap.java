package org.cloudgate.sip.trace;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.net.InetSocketAddress;

/**
 * Traces one TCP or TLS connection of SIP as TCP segments, placed where the octets are plaintext
 * (after the TLS handler). Each direction keeps its sequence number from the connection's start
 * whether or not the trace is on (RFC 9293 section 3.4), so a trace started mid-connection still
 * lines up and Wireshark reassembles messages split over reads. When the trace is on as the
 * connection opens, the three-way handshake is written too, with the side that opened it as
 * client. One instance per connection.
 */
public final class StreamTap extends ChannelDuplexHandler {

    /** Each side's initial sequence number is 0, so the first payload octet is 1. */
    private static final int FIRST_OCTET = 1;

    private final SipTrace trace;
    private int sent = FIRST_OCTET;
    private int received = FIRST_OCTET;

    public StreamTap(SipTrace trace) {
        this.trace = trace;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (trace.tracesSip()) {
            InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            boolean accepted = ctx.channel().parent() != null;
            InetSocketAddress client = accepted ? remote : local;
            InetSocketAddress server = accepted ? local : remote;
            long time = SipTrace.now();
            byte[] none = new byte[0];
            trace.record(TracedPacket.tcp(time, client, server, 0, 0, TracedPacket.SYN, none));
            trace.record(TracedPacket.tcp(time, server, client, 0, 1, TracedPacket.SYN | TracedPacket.ACK, none));
            trace.record(TracedPacket.tcp(time, client, server, 1, 1, TracedPacket.ACK, none));
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            if (trace.tracesSip()) {
                segments((InetSocketAddress) ctx.channel().remoteAddress(),
                        (InetSocketAddress) ctx.channel().localAddress(), received, sent, data);
            }
            received += data.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf data) {
            if (trace.tracesSip()) {
                segments((InetSocketAddress) ctx.channel().localAddress(),
                        (InetSocketAddress) ctx.channel().remoteAddress(), sent, received, data);
            }
            sent += data.readableBytes();
        }
        ctx.write(msg, promise);
    }

    /** The octets as segments that each fit one IP packet. */
    private void segments(InetSocketAddress source, InetSocketAddress destination, int sequence, int acknowledged,
                          ByteBuf data) {
        long time = SipTrace.now();
        int start = data.readerIndex();
        int end = data.writerIndex();
        for (int offset = start; offset < end; offset += PcapFormat.MAX_PAYLOAD) {
            int length = Math.min(PcapFormat.MAX_PAYLOAD, end - offset);
            trace.record(TracedPacket.tcp(time, source, destination, sequence + (offset - start), acknowledged,
                    TracedPacket.ACK | TracedPacket.PSH, ByteBufUtil.getBytes(data, offset, length)));
        }
    }
}
