package org.cloudgate.sip.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutor;
import org.cloudgate.sip.codec.SipCodecMetrics;
import org.cloudgate.sip.codec.SipDatagramDecoder;
import org.cloudgate.sip.codec.SipDatagramEncoder;
import org.cloudgate.sip.codec.SipRejectionResponder;
import org.cloudgate.sip.codec.SipStreamDecoder;
import org.cloudgate.sip.codec.SipStreamEncoder;
import org.cloudgate.sip.trace.DatagramTap;
import org.cloudgate.sip.trace.SipTrace;
import org.cloudgate.sip.trace.StreamTap;
import org.cloudgate.sip.transaction.TransactionLayer;
import org.cloudgate.sip.transaction.TransactionMetrics;
import org.cloudgate.sip.transaction.TransactionUser;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SIP listeners and the transaction layers behind them, one layer per event loop.
 *
 * <p>UDP: with epoll, one socket per loop on the same port (SO_REUSEPORT), so the kernel spreads
 * peers over the loops and each peer's messages stay on one loop; with NIO, one socket. TCP and
 * TLS: one listening socket; each connection lives on one loop and its messages go to that loop's
 * transactions. Channels start reading only once every loop's stack is in place.
 *
 * <p>Every pipeline starts with a tap of the {@link SipTrace}, next to the socket (for TLS, next
 * to the TLS handler), so that the trace holds what is on the wire in both directions.
 */
public final class SipStack implements AutoCloseable {

    private static final int UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;
    /**
     * The largest SIP datagram read whole. RFC 3261 section 18.1.1 sends anything above 1300
     * octets over TCP, but peers that do not (and send fragmented datagrams) are still read;
     * Netty's default of 2048 would cut an INVITE with a rich SDP.
     */
    private static final int UDP_DATAGRAM = 8192;
    /** Datagrams one batched read (recvmmsg) may return. */
    private static final int UDP_BATCH = 16;
    /** Flushes held back at most while reading or running tasks before the datagrams go out. */
    private static final int UDP_FLUSH_AFTER = 64;
    /**
     * The allocator of the UDP channels with native transport, whose batched reads take one
     * direct buffer of {@code UDP_DATAGRAM * UDP_BATCH} octets per read. Netty's default
     * (adaptive) allocator kept handing out fresh chunks for buffers that large, each one zeroed
     * by the JDK: 3% of the gateway's CPU at 3,000 calls/s. The pooled allocator reuses its
     * pages and never zeroes them. Exposed so that its memory can be published as a metric.
     */
    public static final PooledByteBufAllocator UDP_ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    private final Map<EventLoop, LoopStack> stacks = new LinkedHashMap<>();
    /** Each listening channel and its transport token in lower case ("udp", "tcp", "tls"). */
    private final Map<Channel, String> listeners = new LinkedHashMap<>();

    private final SipTrace trace;

    private SipStack(SipTrace trace) {
        this.trace = trace;
    }

    /**
     * Binds every configured listener and starts reading.
     *
     * @throws SipListenerException naming the transport and address that failed; whatever was
     *                              bound before is closed again
     */
    public static SipStack start(SipStackSettings settings, SipChannels channels, TransactionUser user,
                                 MeterRegistry registry, SipTrace trace) throws SipListenerException {
        SipStack stack = new SipStack(trace);
        try {
            stack.bind(settings, channels, user, registry);
        } catch (SipListenerException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void bind(SipStackSettings settings, SipChannels channels, TransactionUser user, MeterRegistry registry)
            throws SipListenerException {
        TransactionMetrics transactionMetrics = new TransactionMetrics(registry);
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : channels.group()) {
            loops.add((EventLoop) executor);
        }
        Map<EventLoop, UdpTransport> udp = bindUdp(settings, channels, registry, loops);
        Channel tcpListener = settings.tcpPort() == SipStackSettings.DISABLED ? null
                : bindStream("TCP", settings.tcpPort(), settings, channels, streamPipeline(settings, registry, "tcp",
                        null));
        SslContext tlsServer = settings.tls().isPresent() && settings.tlsPort() != SipStackSettings.DISABLED
                ? serverContext(settings) : null;
        Channel tlsListener = tlsServer == null ? null
                : bindStream("TLS", settings.tlsPort(), settings, channels, streamPipeline(settings, registry, "tls",
                        tlsServer));
        SslContext tlsClient = tlsServer == null ? null : clientContext(settings);

        int connectTimeout = (int) settings.connectTimeout().toMillis();
        UdpTransport sharedUdp = udp.isEmpty() ? null : udp.values().iterator().next();
        for (int index = 0; index < loops.size(); index++) {
            EventLoop loop = loops.get(index);
            TransactionLayer layer = new TransactionLayer(loop, index, settings.timers(), user, transactionMetrics,
                    ByteBufAllocator.DEFAULT);
            StreamTransport tcp = tcpListener == null ? null : new StreamTransport("TCP", loop,
                    (InetSocketAddress) tcpListener.localAddress(), channels.socketChannel(),
                    streamPipeline(settings, registry, "tcp", null), connectTimeout);
            StreamTransport tls = tlsListener == null ? null : new StreamTransport("TLS", loop,
                    (InetSocketAddress) tlsListener.localAddress(), channels.socketChannel(),
                    streamPipeline(settings, registry, "tls", tlsClient), connectTimeout);
            stacks.put(loop, new LoopStack(layer, udp.getOrDefault(loop, sharedUdp), tcp, tls));
        }
        for (Channel listener : listeners.keySet()) {
            listener.config().setAutoRead(true);
        }
    }

    private Map<EventLoop, UdpTransport> bindUdp(SipStackSettings settings, SipChannels channels,
                                                 MeterRegistry registry, List<EventLoop> loops)
            throws SipListenerException {
        Map<EventLoop, UdpTransport> bound = new LinkedHashMap<>();
        if (settings.udpPort() == SipStackSettings.DISABLED) {
            return bound;
        }
        SipDatagramDecoder decoder = new SipDatagramDecoder(settings.limits(), new SipCodecMetrics(registry, "udp"));
        SipDatagramEncoder encoder = new SipDatagramEncoder();
        SipRejectionResponder responder = new SipRejectionResponder();
        TransactionDispatcher dispatcher = new TransactionDispatcher(stacks::get, this::byIndex, LoopStack::udp, stacks::size);
        DatagramTap tap = new DatagramTap(trace);
        int port = settings.udpPort();
        for (EventLoop loop : channels.epoll() ? loops : loops.subList(0, 1)) {
            Bootstrap bootstrap = new Bootstrap().group(loop).channel(channels.datagramChannel())
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER)
                    .handler(new ChannelInitializer<DatagramChannel>() {
                        @Override
                        protected void initChannel(DatagramChannel ch) {
                            // Messages written while a batch of datagrams is read, or by one run of
                            // the loop's tasks, leave in one flush: one sendmmsg with epoll.
                            ch.pipeline().addLast(new FlushConsolidationHandler(UDP_FLUSH_AFTER, true),
                                    tap, decoder, encoder, responder, dispatcher);
                        }
                    });
            if (channels.epoll()) {
                // recvmmsg: one system call takes up to UDP_BATCH queued datagrams. The decoder
                // copies each one out, so the shared receive buffer is released after the batch.
                bootstrap.option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, UDP_DATAGRAM)
                        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UDP_DATAGRAM * UDP_BATCH));
            } else {
                bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UDP_DATAGRAM));
            }
            InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), port);
            Channel channel = bindOrFail(bootstrap.bind(address), "UDP", address);
            listeners.put(channel, "udp");
            port = ((InetSocketAddress) channel.localAddress()).getPort();
            bound.put(loop, new UdpTransport(channel));
        }
        return bound;
    }

    private Channel bindStream(String transport, int port, SipStackSettings settings, SipChannels channels,
                               ChannelInitializer<SocketChannel> pipeline) throws SipListenerException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(channels.group()).channel(channels.serverChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(pipeline);
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), port);
        Channel channel = bindOrFail(bootstrap.bind(address), transport, address);
        listeners.put(channel, transport.toLowerCase(Locale.ROOT));
        return channel;
    }

    private static Channel bindOrFail(io.netty.channel.ChannelFuture binding, String transport,
                                      InetSocketAddress address) throws SipListenerException {
        binding.awaitUninterruptibly();
        if (!binding.isSuccess()) {
            throw new SipListenerException(transport, address, binding.cause());
        }
        return binding.channel();
    }

    private ChannelInitializer<SocketChannel> streamPipeline(SipStackSettings settings, MeterRegistry registry,
                                                             String transport, SslContext tls) {
        SipCodecMetrics metrics = new SipCodecMetrics(registry, transport);
        SipRejectionResponder responder = new SipRejectionResponder();
        TransactionDispatcher dispatcher = new TransactionDispatcher(stacks::get, this::byIndex,
                "tls".equals(transport) ? LoopStack::tls : LoopStack::tcp, stacks::size);
        long idle = settings.idleTimeout().toMillis();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                if (tls != null) {
                    p.addLast(tls.newHandler(ch.alloc()));
                }
                p.addLast(new StreamTap(trace), new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS), new IdleConnectionCloser(),
                        new SipStreamDecoder(settings.limits(), metrics, transport), new SipStreamEncoder(),
                        responder, dispatcher);
            }
        };
    }

    private static SslContext serverContext(SipStackSettings settings) throws SipListenerException {
        TlsFiles files = settings.tls().orElseThrow();
        try {
            return SslContextBuilder.forServer(files.certificateChain().toFile(), files.privateKey().toFile()).build();
        } catch (Exception | Error e) {
            throw new SipListenerException("TLS", new InetSocketAddress(settings.bindAddress(), settings.tlsPort()),
                    new IllegalArgumentException("cannot use certificate " + files.certificateChain() + " and key "
                            + files.privateKey() + ": " + e.getMessage(), e));
        }
    }

    private static SslContext clientContext(SipStackSettings settings) throws SipListenerException {
        TlsFiles files = settings.tls().orElseThrow();
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (files.trustedCertificates().isPresent()) {
                builder.trustManager(files.trustedCertificates().get().toFile());
            }
            return builder.build();
        } catch (Exception e) {
            throw new SipListenerException("TLS", new InetSocketAddress(settings.bindAddress(), settings.tlsPort()),
                    new IllegalArgumentException("cannot use trusted certificates " + files.trustedCertificates()
                            + ": " + e.getMessage(), e));
        }
    }

    /** The stack of {@code loop}, where calls placed on that loop send and receive. */
    public LoopStack on(EventLoop loop) {
        LoopStack stack = stacks.get(loop);
        if (stack == null) {
            throw new IllegalArgumentException("not a SIP event loop: " + loop);
        }
        return stack;
    }

    private LoopStack byIndex(int index) {
        for (LoopStack stack : stacks.values()) {
            if (stack.layer().index() == index) {
                return stack;
            }
        }
        return null;
    }

    /** Every loop's stack, in loop order. */
    public List<LoopStack> loops() {
        return List.copyOf(stacks.values());
    }

    /** What the listeners are bound to, e.g. "sip+udp://127.0.0.1:5060". */
    public List<String> listening() {
        List<String> addresses = new ArrayList<>();
        listeners.forEach((listener, kind) -> {
            InetSocketAddress address = (InetSocketAddress) listener.localAddress();
            String entry = "sip+" + kind + "://" + address.getHostString() + ":" + address.getPort();
            if (!addresses.contains(entry)) {
                addresses.add(entry);
            }
        });
        return addresses;
    }

    /**
     * Closes every listener, then ends the transactions still lingering on each loop (their
     * buffers are freed); open connections close with their event loops.
     */
    @Override
    public void close() {
        for (Channel listener : listeners.keySet()) {
            listener.close().awaitUninterruptibly();
        }
        listeners.clear();
        for (LoopStack stack : stacks.values()) {
            EventLoop loop = stack.layer().loop();
            if (!loop.isShuttingDown()) {
                loop.submit(stack.layer()::terminateAll).awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }
}
