package org.cloudgate.rtp.relay;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The event loops relay sockets live on and the datagram channel type that fits them. The daemon
 * passes its shared loops in; {@link #start} makes private ones for tests and load tools.
 *
 * @param group      event loops; each relay session is pinned to one of them
 * @param channel    {@code EpollDatagramChannel} on epoll loops, {@code NioDatagramChannel} otherwise
 */
public record DatagramTransport(EventLoopGroup group, Class<? extends DatagramChannel> channel) {

    /** Private loops: epoll when asked for and its native library loads, NIO otherwise. */
    public static DatagramTransport start(int threads, boolean nativeTransport) {
        boolean epoll = nativeTransport && Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                new DefaultThreadFactory("cloudgate-rtp", false),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        return new DatagramTransport(group, epoll ? EpollDatagramChannel.class : NioDatagramChannel.class);
    }

    public boolean epoll() {
        return channel == EpollDatagramChannel.class;
    }

    /**
     * A datagram channel already bound to {@code local} and not yet registered with a loop. The
     * bind is one system call made here, so that a port another process holds is known at once
     * (and another pair can be tried) instead of after the ports went out in SDP.
     *
     * @throws IOException when the address cannot be bound, typically because it is in use
     */
    public DatagramChannel openBound(InetSocketAddress local) throws IOException {
        if (epoll()) {
            Socket socket = Socket.newSocketDgram();
            try {
                socket.bind(local);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            return new EpollDatagramChannel(socket.intValue());
        }
        java.nio.channels.DatagramChannel socket = java.nio.channels.DatagramChannel.open();
        try {
            socket.bind(local);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return new NioDatagramChannel(socket);
    }

    /** Stops loops made by {@link #start} and waits for them. */
    public void shutdown() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
