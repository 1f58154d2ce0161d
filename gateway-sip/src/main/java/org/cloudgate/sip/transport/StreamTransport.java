package org.cloudgate.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import org.cloudgate.sip.codec.SipStreamDecoder;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SIP over TCP or TLS (RFC 3261 section 18) for one event loop: one connection per peer, reused
 * for every message to it, whether the peer connected to us or we to it. A message to a peer
 * without a connection opens one on this loop, so the responses come back to the transactions
 * of this loop.
 */
public final class StreamTransport implements SipTransport {

    /** RFC 5626 section 3.5.1: the keep-alive ping is a double CRLF. */
    private static final byte[] PING = {'\r', '\n', '\r', '\n'};

    private final String name;
    private final EventLoop loop;
    private final InetSocketAddress listening;
    private final Bootstrap connector;
    private final Map<InetSocketAddress, Channel> connections = new HashMap<>();

    StreamTransport(String name, EventLoop loop, InetSocketAddress listening, Class<? extends SocketChannel> type,
                    ChannelInitializer<SocketChannel> pipeline, int connectTimeoutMillis) {
        this.name = name;
        this.loop = loop;
        this.listening = listening;
        this.connector = new Bootstrap().group(loop).channel(type)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(pipeline);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean reliable() {
        return true;
    }

    @Override
    public InetSocketAddress localAddress() {
        return listening;
    }

    /** Connections this loop knows, by peer. */
    public int connectionCount() {
        return connections.size();
    }

    /** Records a connection that is now open, accepted or connected, on this loop. */
    void opened(Channel channel) {
        InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
        connections.put(peer, channel);
        channel.closeFuture().addListener(f -> connections.remove(peer, channel));
    }

    @Override
    public void send(ByteBuf encoded, InetSocketAddress destination, TransportFailure onFailure) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(encoded, destination, onFailure));
            return;
        }
        withConnection(destination, channel -> write(channel, encoded, onFailure), cause -> {
            encoded.release();
            onFailure.failed(cause);
        });
    }

    /**
     * Sends a keep-alive ping (RFC 5626 sections 3.5.1 and 4.4.1) to {@code peer} on the
     * connection to it, opening one when there is none. {@code onPong} runs on this loop when the
     * peer's pong arrives; a connection or write failure goes to {@code onFailure} instead. A
     * pong that never comes is the caller's to notice.
     */
    public void ping(InetSocketAddress peer, Runnable onPong, TransportFailure onFailure) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> ping(peer, onPong, onFailure));
            return;
        }
        withConnection(peer, channel -> {
            SipStreamDecoder decoder = channel.pipeline().get(SipStreamDecoder.class);
            if (decoder == null) {
                onFailure.failed(new IllegalStateException("the connection to " + peer + " carries no SIP"));
                return;
            }
            decoder.awaitPong(onPong);
            write(channel, Unpooled.wrappedBuffer(PING), onFailure);
        }, onFailure);
    }

    /** Runs {@code use} with the open connection to {@code peer}, connecting first when there is none. */
    private void withConnection(InetSocketAddress peer, Consumer<Channel> use, TransportFailure onFailure) {
        Channel channel = connections.get(peer);
        if (channel != null && channel.isActive()) {
            use.accept(channel);
            return;
        }
        ChannelFuture connecting = connector.connect(peer);
        connecting.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                use.accept(f.channel());
            } else {
                onFailure.failed(f.cause());
            }
        });
    }

    private static void write(Channel channel, ByteBuf encoded, TransportFailure onFailure) {
        channel.writeAndFlush(encoded).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                onFailure.failed(f.cause());
            }
        });
    }
}
