package org.cloudgate.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.cloudgate.sip.codec.SipCodecMetrics;
import org.cloudgate.sip.codec.SipDatagramDecoder;
import org.cloudgate.sip.codec.SipDatagramEncoder;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.codec.SipRejectionResponder;
import org.cloudgate.sip.message.SipMessage;

/**
 * SIP over UDP (RFC 3261 section 18): on Linux with the native transport, one socket per event
 * loop bound to the same port with {@code SO_REUSEPORT}, so the kernel spreads datagrams over
 * the loops; elsewhere one NIO socket. Each socket's pipeline decodes datagrams, answers what
 * the syntax layer refuses, and hands accepted messages, addressed to their sender, to the
 * application handler.
 *
 * <p>Start once, stop once; {@link #send} may be called from any thread in between.
 */
public final class SipUdpTransport {
    private static final long QUIET_PERIOD_MILLIS = 0;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2000;

    private final Settings settings;
    private final SipCodecMetrics metrics;
    private final ChannelHandler application;
    private final List<Channel> channels = new ArrayList<>();
    private EventLoopGroup loops;
    private InetSocketAddress localAddress;

    /**
     * What the operator configures for the UDP listener.
     *
     * @param bind       address and port to listen on (port 0: any free port)
     * @param eventLoops event loops, and sockets with the native transport
     * @param limits     decoder limits
     */
    public record Settings(InetSocketAddress bind, int eventLoops, SipDecoderConfig limits) {
        public Settings {
            if (eventLoops < 1) {
                throw new IllegalArgumentException("at least one event loop: " + eventLoops);
            }
        }
    }

    /**
     * @param application a {@link io.netty.channel.ChannelHandler.Sharable} handler receiving
     *                    {@code AddressedEnvelope<SipMessage, InetSocketAddress>} and releasing it
     */
    public SipUdpTransport(Settings settings, SipCodecMetrics metrics, ChannelHandler application) {
        this.settings = settings;
        this.metrics = metrics;
        this.application = application;
    }

    /** Whether the native epoll transport is in use (else NIO). */
    public static boolean nativeTransport() {
        return Epoll.isAvailable();
    }

    /** Binds the sockets; returns when they are listening. */
    public void start() throws InterruptedException {
        boolean epoll = nativeTransport();
        loops = new MultiThreadIoEventLoopGroup(settings.eventLoops(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap()
                .group(loops)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(pipeline());
        if (epoll) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        Channel first = bootstrap.bind(settings.bind()).sync().channel();
        channels.add(first);
        localAddress = (InetSocketAddress) first.localAddress();
        int sockets = epoll ? settings.eventLoops() : 1;
        for (int i = 1; i < sockets; i++) {
            channels.add(bootstrap.bind(localAddress).sync().channel());
        }
    }

    private ChannelInitializer<Channel> pipeline() {
        SipDatagramEncoder encoder = new SipDatagramEncoder();
        SipDatagramDecoder decoder = new SipDatagramDecoder(settings.limits(), metrics);
        SipRejectionResponder responder = new SipRejectionResponder();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(encoder, decoder, responder, application);
            }
        };
    }

    /** The address the sockets listen on. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Sends {@code message} to {@code recipient} from one of the sockets; takes ownership of it. */
    public ChannelFuture send(SipMessage message, InetSocketAddress recipient) {
        Channel channel = channels.get(ThreadLocalRandom.current().nextInt(channels.size()));
        return channel.writeAndFlush(new DefaultAddressedEnvelope<>(message, recipient));
    }

    /** Closes the sockets and stops the event loops. */
    public void stop() {
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
        channels.clear();
        if (loops != null) {
            loops.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .syncUninterruptibly();
        }
    }
}
