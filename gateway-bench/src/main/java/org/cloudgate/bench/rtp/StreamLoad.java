package org.cloudgate.bench.rtp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.cloudgate.rtp.relay.DatagramTransport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * N bidirectional G.711 streams through a relay: every stream has two endpoints, A and B, each
 * sending a 172-octet RTP packet (12 header + 160 payload, PCMU) every 20 ms toward its relay
 * port and receiving the other's packets back through the relay. The payload carries the send
 * time, the stream, the direction, a 32-bit counter and the phase (warm-up or measured), so the
 * receiver measures loss, reordering and one-way added latency. Streams are spread evenly over
 * the 20 ms period: a tick every {@code tickMicros} sends the packets of the streams in its slot.
 * Ticks keep to the wall clock ({@link TickPacer}): packets of a tick more than 20 ms late are
 * skipped and counted, not sent in a burst; a measured phase with skipped packets did not offer
 * the nominal load.
 *
 * <p>Everything runs on one event loop, so no counter needs synchronising.
 */
final class StreamLoad {

    private static final int PACKET = 172;
    private static final long PERIOD_NANOS = 20_000_000L;
    private static final int PHASE_WARMUP = 0;
    private static final int PHASE_MEASURED = 1;

    /** Ticks per 20 ms packet period; each sends the packets of the streams in its slot. */
    private final int slots;
    private final long tickNanos;

    private final int streams;
    private final DatagramTransport transport;
    private final EventLoop loop;
    private final Channel[][] endpoints;
    private final InetSocketAddress[][] targets;
    private final int[][] nextCounter;
    private final int[][] highestCounter;
    private final long[] sent = new long[2];
    private final long[] received = new long[2];
    private final long[] skipped = new long[2];
    private long startNanos;
    private long reordered;
    private long late;
    private final LatencyHistogram latency = new LatencyHistogram();
    private int phase = PHASE_WARMUP;
    private final TickPacer pacer;
    private ScheduledFuture<?> ticker;
    /** The two shared sockets (A's and B's), or none when every endpoint has its own. */
    private final Channel[] sides;

    /**
     * @param sharedSockets whether all streams' A endpoints share one socket and all B endpoints
     *                      another (the relay latches each of its legs to that address, and the
     *                      stream is told by the payload): the generator then sends each
     *                      tick's packets with one sendmmsg and reads with recvmmsg, and
     *                      stays well under the load it offers. Otherwise every endpoint has a
     *                      socket of its own, for relays that tell calls apart by address.
     */
    StreamLoad(int streams, String localAddress, boolean sharedSockets, long tickMicros) throws InterruptedException {
        if (tickMicros <= 0 || 20_000 % tickMicros != 0) {
            throw new IllegalArgumentException("the tick must divide 20 ms: " + tickMicros + " us");
        }
        this.streams = streams;
        this.tickNanos = tickMicros * 1000;
        this.slots = (int) (PERIOD_NANOS / tickNanos);
        this.pacer = new TickPacer(tickNanos, slots);
        this.transport = DatagramTransport.start(1, true);
        this.loop = transport.group().next();
        this.endpoints = new Channel[streams][2];
        this.targets = new InetSocketAddress[streams][2];
        this.nextCounter = new int[streams][2];
        this.highestCounter = new int[streams][2];
        Receiver receiver = new Receiver();
        Channel[] sides = new Channel[2];
        for (int s = 0; s < streams; s++) {
            for (int dir = 0; dir < 2; dir++) {
                if (!sharedSockets) {
                    endpoints[s][dir] = bind(localAddress, receiver, false);
                } else {
                    if (sides[dir] == null) {
                        sides[dir] = bind(localAddress, receiver, true);
                    }
                    endpoints[s][dir] = sides[dir];
                }
                highestCounter[s][dir] = -1;
            }
        }
        this.sides = sharedSockets ? sides : new Channel[0];
    }

    private Channel bind(String localAddress, Receiver receiver, boolean busy) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(transport.channel())
                .option(ChannelOption.SO_RCVBUF, busy ? 4 << 20 : 256 * 1024)
                .option(ChannelOption.SO_SNDBUF, busy ? 4 << 20 : 256 * 1024)
                .handler(receiver);
        if (busy && transport.epoll()) {
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, 2048)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048 * 64));
        } else if (busy) {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048));
        } else {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048).maxMessagesPerRead(1));
            if (transport.epoll()) {
                levelTriggered(bootstrap);
            }
        }
        return bootstrap.bind(new InetSocketAddress(localAddress, 0)).sync().channel();
    }

    /**
     * One read per wake-up, level-triggered: a socket that gets 50 packets a second rarely holds
     * a second one, and edge-triggered mode would read again until EAGAIN, one more system call
     * per packet. At 50,000 packets/s that call alone made the generator, a single thread, fall
     * behind the rate it offers, and its own queueing showed as the relay's latency.
     */
    @SuppressWarnings("deprecation")
    private static void levelTriggered(Bootstrap bootstrap) {
        bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
    }

    InetSocketAddress endpoint(int stream, int direction) {
        return (InetSocketAddress) endpoints[stream][direction].localAddress();
    }

    void target(int stream, InetSocketAddress aSendsTo, InetSocketAddress bSendsTo) {
        targets[stream][0] = aSendsTo;
        targets[stream][1] = bSendsTo;
    }

    void start() {
        loop.execute(() -> {
            startNanos = System.nanoTime();
            ticker = loop.scheduleAtFixedRate(this::tick, 0, tickNanos, TimeUnit.NANOSECONDS);
        });
    }

    /** Starts counting: what was sent before is warm-up. */
    void measure() throws Exception {
        onLoop(() -> phase = PHASE_MEASURED);
    }

    void stop() throws Exception {
        onLoop(() -> ticker.cancel(false));
    }

    Result result(double seconds) throws Exception {
        CompletableFuture<Result> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(new Result(sent[PHASE_MEASURED], received[PHASE_MEASURED],
                skipped[PHASE_MEASURED], reordered,
                late, latency.percentileMicros(0.5), latency.percentileMicros(0.99),
                latency.percentileMicros(0.999), latency.maxMicros(), seconds)));
        return result.get(10, TimeUnit.SECONDS);
    }

    void shutdown() {
        transport.shutdown();
    }

    private void onLoop(Runnable task) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            task.run();
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
    }

    private void tick() {
        long now = pacer.next(System.nanoTime() - startNanos, this::skip);
        if (now < 0) {
            return;
        }
        int slot = (int) (now % slots);
        for (int s = slot; s < streams; s += slots) {
            for (int dir = 0; dir < 2; dir++) {
                send(s, dir);
            }
        }
        for (Channel side : sides) {
            side.flush();
        }
    }

    /** A tick given up: its streams' packets are counted as skipped, not sent. */
    private void skip(long tick) {
        int slot = (int) (tick % slots);
        skipped[phase] += 2L * ((streams - slot + slots - 1) / slots);
    }

    private void send(int stream, int direction) {
        Channel channel = endpoints[stream][direction];
        InetSocketAddress target = targets[stream][direction];
        int counter = nextCounter[stream][direction]++;
        ByteBuf packet = channel.alloc().directBuffer(PACKET);
        packet.writeByte(0x80);
        packet.writeByte(0);
        packet.writeShort(counter);
        packet.writeInt(counter * 160);
        packet.writeInt(stream * 2 + direction + 1);
        packet.writeLong(System.nanoTime());
        packet.writeInt(stream);
        packet.writeByte(direction);
        packet.writeByte(phase);
        packet.writeInt(counter);
        packet.writeZero(PACKET - packet.writerIndex());
        sent[phase]++;
        if (sides.length > 0) {
            channel.write(new DatagramPacket(packet, target), channel.voidPromise());
        } else {
            channel.writeAndFlush(new DatagramPacket(packet, target), channel.voidPromise());
        }
    }

    private void onPacket(ByteBuf packet) {
        if (packet.readableBytes() < PACKET) {
            return;
        }
        long now = System.nanoTime();
        int base = packet.readerIndex() + 12;
        long sentAt = packet.getLong(base);
        int stream = packet.getInt(base + 8);
        int direction = packet.getByte(base + 12);
        int packetPhase = packet.getByte(base + 13);
        int counter = packet.getInt(base + 14);
        if (stream < 0 || stream >= streams || direction < 0 || direction > 1 || packetPhase < 0 || packetPhase > 1) {
            return;
        }
        received[packetPhase]++;
        if (counter < highestCounter[stream][direction]) {
            reordered++;
        } else {
            highestCounter[stream][direction] = counter;
        }
        if (packetPhase == PHASE_MEASURED) {
            latency.record(now - sentAt);
            if (now - sentAt > 20_000_000L) {
                late++;
            }
        }
    }

    /** Figures of the measured phase. */
    record Result(long sent, long received, long skipped, long reordered, long laterThan20ms, long p50Micros,
                  long p99Micros, long p999Micros, long maxMicros, double seconds) {

        long lost() {
            return Math.max(0, sent - received);
        }

        double lossPercent() {
            return sent == 0 ? 0 : 100.0 * lost() / sent;
        }

        double relayedPerSecond() {
            return received / seconds;
        }
    }

    @ChannelHandler.Sharable
    private final class Receiver extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof DatagramPacket packet) {
                    onPacket(packet.content());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable while a relay starts or stops: keep the endpoint open.
        }
    }

    /** Sets every stream up through {@code setup}. */
    void openAll(StreamSetup setup) throws IOException {
        for (int s = 0; s < streams; s++) {
            InetSocketAddress[] to = setup.open(s, endpoint(s, 0), endpoint(s, 1));
            target(s, to[0], to[1]);
        }
    }

    void closeAll(StreamSetup setup) throws IOException {
        for (int s = 0; s < streams; s++) {
            setup.close(s);
        }
    }
}
