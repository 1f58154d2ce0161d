package org.cloudgate.testkit.pbx;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The media of one simulated call: a UDP socket whose port the PBX writes into its SDP, sending
 * every RTP or RTCP packet it receives back to the address it came from, so that a test can count
 * what came back. Only version-2 packets (RFC 3550 section 5.1) are echoed; anything else is
 * counted as ignored. While the call is held by the PBX's peer (the PBX answered recvonly or
 * inactive, RFC 3264 section 8.4), packets are received but not sent back.
 */
public final class RtpEcho implements AutoCloseable {

    private static final int RTP_VERSION = 2;

    private final Channel channel;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong echoed = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private volatile boolean sending = true;

    private RtpEcho(Bootstrap bootstrap, String host) {
        bootstrap.handler(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                ByteBuf content = packet.content();
                if (content.readableBytes() < 2 || (content.getUnsignedByte(content.readerIndex()) >> 6) != RTP_VERSION) {
                    ignored.incrementAndGet();
                    return;
                }
                received.incrementAndGet();
                if (sending) {
                    echoed.incrementAndGet();
                    ctx.writeAndFlush(new DatagramPacket(content.retain(), packet.sender()));
                }
            }
        });
        this.channel = bootstrap.bind(new InetSocketAddress(host, 0)).syncUninterruptibly().channel();
    }

    /** Binds an echo on a free port of {@code host}, served by {@code loop}. */
    static RtpEcho open(EventLoop loop, Class<? extends DatagramChannel> channelType, String host) {
        return new RtpEcho(new Bootstrap().group(loop).channel(channelType), host);
    }

    /** The port written into the SDP. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** RTP/RTCP packets received. */
    public long received() {
        return received.get();
    }

    /** Packets sent back. */
    public long echoed() {
        return echoed.get();
    }

    /** Datagrams that were not RTP version 2. */
    public long ignored() {
        return ignored.get();
    }

    /** Whether received packets are sent back: off while the PBX side only receives. */
    void sending(boolean value) {
        sending = value;
    }

    public boolean sending() {
        return sending;
    }

    @Override
    public void close() {
        channel.close();
    }
}
