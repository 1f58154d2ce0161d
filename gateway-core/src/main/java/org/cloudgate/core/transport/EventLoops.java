package org.cloudgate.core.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import org.cloudgate.core.config.EventLoopSettings;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops every listener and client of the daemon shares, with the channel types
 * that match them: epoll on Linux when its native library loads, NIO otherwise.
 */
public final class EventLoops {

    private final EventLoopGroup group;
    private final boolean epoll;

    private EventLoops(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    public static EventLoops start(EventLoopSettings settings) {
        boolean epoll = settings.nativeTransport() && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(settings.effectiveThreads(),
                new DefaultThreadFactory("cloudgate-loop", false), io);
        return new EventLoops(group, epoll);
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Whether the loops are epoll loops (Linux native transport). */
    public boolean epoll() {
        return epoll;
    }

    /** "epoll" or "nio", for the start-up log. */
    public String kind() {
        return epoll ? "epoll" : "nio";
    }

    public Class<? extends ServerChannel> serverSocketChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Binds a TCP listener (the admin and API HTTP listeners) on these loops, with
     * {@code perConnection} setting up each accepted connection's pipeline; waits for the bind.
     *
     * @throws Exception the bind failed (address in use, not local, not allowed)
     */
    public Channel listen(String host, int port, ChannelHandler perConnection) throws Exception {
        return new ServerBootstrap()
                .group(group)
                .channel(serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(perConnection)
                .bind(host, port).syncUninterruptibly().channel();
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** Stops the loops after a short quiet period and waits at most {@code timeout}. */
    public void shutdown(Duration timeout) {
        Future<?> done = group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        done.awaitUninterruptibly(timeout.toMillis() + 1000);
    }
}
