package org.cloudgate.core.events;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Supplier;

/**
 * A small HTTP server for the event stream's tests, built as the API server's pipeline is: the
 * HTTP codec, the aggregator, and a handler that hands each request to
 * {@link EventStreamEndpoint#upgrade} (where the API server would first authenticate it).
 */
final class StreamServer implements AutoCloseable {

    private final Channel channel;

    /**
     * @param sendBuffer the kernel send buffer of each connection in octets, 0 for the system's
     */
    StreamServer(EventLoopGroup group, Supplier<EventStreamEndpoint> endpoint, int sendBuffer)
            throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        endpoint.get().upgrade(ctx, request);
                                    }
                                });
                    }
                });
        if (sendBuffer > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        channel = bootstrap.bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The stream's address with {@code query} (empty or starting with {@code ?}). */
    URI uri(String query) {
        return URI.create("ws://127.0.0.1:" + port() + "/api/v1/events" + query);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
