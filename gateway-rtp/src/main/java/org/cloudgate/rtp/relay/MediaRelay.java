package org.cloudgate.rtp.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.DatagramChannel;
import org.cloudgate.rtp.RtpSettings;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.pool.PortPair;
import org.cloudgate.rtp.pool.PortPool;
import org.cloudgate.rtp.pool.PortPoolExhaustedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay component: opens a {@link RelaySession} per call on the given transport, with its
 * ports from a {@link PortPool}, and gives the ports back when the session closes.
 */
public final class MediaRelay {

    /** Largest datagram relayed; RTP over UDP on an Ethernet path stays below it. */
    static final int MAX_DATAGRAM = 2048;

    /** Port pairs tried for one leg before the call is refused because none can be bound. */
    static final int BIND_ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(MediaRelay.class);

    private final RtpSettings settings;
    private final DatagramTransport transport;
    private final PortPool pool;
    private final RelayMeters meters;
    private final RelayTap tap;

    public MediaRelay(RtpSettings settings, DatagramTransport transport, MeterRegistry registry) {
        this(settings, transport, registry, RelayTap.NONE);
    }

    /** @param tap sees every relayed RTP packet while it is active (the daemon's packet trace) */
    public MediaRelay(RtpSettings settings, DatagramTransport transport, MeterRegistry registry, RelayTap tap) {
        this.settings = settings;
        this.transport = transport;
        this.pool = PortPool.over(settings.portMin(), settings.portMax(), settings.quarantine(), registry);
        this.meters = new RelayMeters(registry);
        this.tap = tap;
    }

    public PortPool portPool() {
        return pool;
    }

    /**
     * Allocates two port pairs and binds a session's four sockets on one event loop.
     *
     * @param callReference names the call in logs only (never in metrics)
     * @param area          bandwidth-area name, the tag of the call-end histograms
     * @param owner         told when media goes silent and the action is to end the call
     * @return completes with the session once its sockets are on their loop, or with the error
     *         (ports already released)
     * @throws PortPoolExhaustedException when no pair is free or none of those tried can be bound:
     *                                    refuse the call with 503
     */
    public CompletableFuture<RelaySession> open(String callReference, String area, SessionOwner owner)
            throws PortPoolExhaustedException {
        return open(callReference, area, owner, transport.group().next());
    }

    /**
     * As {@link #open(String, String, SessionOwner)}, on the given loop of the transport's group:
     * the loop the call's signalling lives on, so that the call and its media share one thread.
     */
    public CompletableFuture<RelaySession> open(String callReference, String area, SessionOwner owner, EventLoop loop)
            throws PortPoolExhaustedException {
        return start(callReference, area, owner, loop).bound();
    }

    /**
     * Allocates the session's ports and binds its four sockets here (skipping pairs another
     * process holds), then puts them on {@code loop} and returns the session at once: its ports
     * are bound, so a B2BUA can write them into SDP while the sockets register.
     * {@link RelaySession#bound()} completes once they are registered, or with the registration
     * error (ports already released). A session closed before that closes them as soon as they are.
     *
     * @throws PortPoolExhaustedException when no pair is free or none of those tried can be bound:
     *                                    refuse the call with 503
     */
    public RelaySession start(String callReference, String area, SessionOwner owner, EventLoop loop)
            throws PortPoolExhaustedException {
        BoundPair pbxSockets = bindPair();
        BoundPair cloudSockets;
        try {
            cloudSockets = bindPair();
        } catch (PortPoolExhaustedException e) {
            pbxSockets.close();
            pool.release(pbxSockets.ports());
            throw e;
        }
        long guard = settings.relatchGuard().toNanos();
        RelayLeg pbx = new RelayLeg(Side.PBX, pbxSockets.ports(), policy(Side.PBX), guard);
        RelayLeg cloud = new RelayLeg(Side.CLOUD, cloudSockets.ports(), policy(Side.CLOUD), guard);
        pbx.bound(pbxSockets.rtp(), pbxSockets.rtcp());
        cloud.bound(cloudSockets.rtp(), cloudSockets.rtcp());
        RelaySession session = new RelaySession(callReference, area, loop, pbx, cloud, meters, owner,
                settings.inactivityTimeout().toNanos(), settings.inactivityAction(), tap, this::release);
        meters.sessionOpened();
        ChannelFuture[] registrations = {
            register(loop, session, pbx, pbxSockets.rtp(), false), register(loop, session, pbx, pbxSockets.rtcp(), true),
            register(loop, session, cloud, cloudSockets.rtp(), false),
            register(loop, session, cloud, cloudSockets.rtcp(), true)
        };
        // A registration may already be done when its listener is added (then the listener runs
        // on this thread), the others finish on the loop: count them down atomically.
        AtomicInteger pending = new AtomicInteger(registrations.length);
        for (ChannelFuture registration : registrations) {
            registration.addListener(done -> {
                if (pending.decrementAndGet() == 0) {
                    loop.execute(() -> session.bindsDone(firstFailure(registrations)));
                }
            });
        }
        return session;
    }

    /** An RTP and RTCP socket bound to a pair from the pool, not yet on a loop. */
    private record BoundPair(PortPair ports, DatagramChannel rtp, DatagramChannel rtcp) {

        void close() {
            rtp.unsafe().closeForcibly();
            rtcp.unsafe().closeForcibly();
        }
    }

    /**
     * The next pool pair whose two ports this process can bind. A pair another process holds is
     * skipped (and quarantined like any released pair, so the pool tries it again only later);
     * after {@link #BIND_ATTEMPTS} such pairs in a row the call is refused as if the pool were
     * empty.
     */
    private BoundPair bindPair() throws PortPoolExhaustedException {
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            PortPair ports = pool.allocate();
            DatagramChannel rtp = null;
            try {
                rtp = transport.openBound(new InetSocketAddress(settings.bindAddress(), ports.rtp()));
                DatagramChannel rtcp = transport.openBound(new InetSocketAddress(settings.bindAddress(), ports.rtcp()));
                return new BoundPair(ports, rtp, rtcp);
            } catch (IOException e) {
                if (rtp != null) {
                    rtp.unsafe().closeForcibly();
                }
                pool.release(ports);
                meters.portsUnavailable();
                last = e;
            }
        }
        log.warn("no relay port pair could be bound after {} attempts: {}", BIND_ATTEMPTS, last.getMessage());
        throw new PortPoolExhaustedException(pool.inUse(), pool.quarantined());
    }

    private LatchingPolicy policy(Side side) {
        return settings.natLatching(side) ? LatchingPolicy.NAT_LATCHING : LatchingPolicy.ANNOUNCED_ONLY;
    }

    /**
     * Puts a bound socket on the session's loop with its leg's handler. Netty 4.2 deprecates
     * {@code EPOLL_MODE} (edge-triggered is to become the only mode); while it exists,
     * level-triggered mode saves one system call per relayed packet.
     */
    @SuppressWarnings("deprecation")
    private ChannelFuture register(EventLoop loop, RelaySession session, RelayLeg leg, DatagramChannel channel,
                                   boolean control) {
        int batch = settings.receiveBatch();
        ChannelConfig config = channel.config();
        if (transport.epoll() && batch > 1) {
            // recvmmsg: one system call fills the buffer with up to `batch` datagrams.
            config.setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
            config.setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM * batch));
        } else if (transport.epoll()) {
            // At 50 packets/s a socket rarely holds a second datagram. Level-triggered epoll with
            // one read per wake-up saves the read that edge-triggered mode needs to hit EAGAIN.
            config.setOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
            config.setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM).maxMessagesPerRead(1));
        } else {
            config.setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM));
        }
        channel.pipeline().addLast(new LegHandler(session, leg, control));
        return loop.register(channel);
    }

    private static Throwable firstFailure(ChannelFuture[] registrations) {
        for (ChannelFuture registration : registrations) {
            if (!registration.isSuccess()) {
                return registration.cause();
            }
        }
        return null;
    }

    private void release(RelaySession session) {
        pool.release(session.leg(Side.PBX).localPorts());
        pool.release(session.leg(Side.CLOUD).localPorts());
        meters.sessionGone();
    }
}
