package org.cloudgate.rtp.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import org.cloudgate.rtp.RtpSettings;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.pool.PortPair;
import org.cloudgate.rtp.pool.PortPool;
import org.cloudgate.rtp.pool.PortPoolExhaustedException;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The relay component: opens a {@link RelaySession} per call on the given transport, with its
 * ports from a {@link PortPool}, and gives the ports back when the session closes.
 */
public final class MediaRelay {

    /** Largest datagram relayed; RTP over UDP on an Ethernet path stays below it. */
    static final int MAX_DATAGRAM = 2048;

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
     * @return completes with the session once its sockets are bound, or with the bind error
     *         (ports already released)
     * @throws PortPoolExhaustedException when no pair is free: refuse the call with 503
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
     * Allocates the session's ports and starts binding its sockets on {@code loop}, returning the
     * session at once: its ports are known, so a B2BUA can write them into SDP while the sockets
     * bind. {@link RelaySession#bound()} completes when they are bound, or with the bind error
     * (ports already released). A session closed before its sockets are bound closes them as
     * soon as they are.
     *
     * @throws PortPoolExhaustedException when no pair is free: refuse the call with 503
     */
    public RelaySession start(String callReference, String area, SessionOwner owner, EventLoop loop)
            throws PortPoolExhaustedException {
        PortPair pbxPorts = pool.allocate();
        PortPair cloudPorts;
        try {
            cloudPorts = pool.allocate();
        } catch (PortPoolExhaustedException e) {
            pool.release(pbxPorts);
            throw e;
        }
        long guard = settings.relatchGuard().toNanos();
        RelayLeg pbx = new RelayLeg(Side.PBX, pbxPorts, policy(Side.PBX), guard);
        RelayLeg cloud = new RelayLeg(Side.CLOUD, cloudPorts, policy(Side.CLOUD), guard);
        RelaySession session = new RelaySession(callReference, area, loop, pbx, cloud, meters, owner,
                settings.inactivityTimeout().toNanos(), settings.inactivityAction(), tap, this::release);
        meters.sessionOpened();
        ChannelFuture[] binds = {
            bind(loop, session, pbx, false), bind(loop, session, pbx, true),
            bind(loop, session, cloud, false), bind(loop, session, cloud, true)
        };
        int[] pending = {binds.length};
        for (ChannelFuture bind : binds) {
            bind.addListener(done -> {
                if (--pending[0] > 0) {
                    return;
                }
                pbx.bound(binds[0].channel(), binds[1].channel());
                cloud.bound(binds[2].channel(), binds[3].channel());
                session.bindsDone(firstFailure(binds));
            });
        }
        return session;
    }

    private LatchingPolicy policy(Side side) {
        return settings.natLatching(side) ? LatchingPolicy.NAT_LATCHING : LatchingPolicy.ANNOUNCED_ONLY;
    }

    /**
     * Netty 4.2 deprecates {@code EPOLL_MODE} (edge-triggered is to become the only mode); while
     * it exists, level-triggered mode saves one system call per relayed packet.
     */
    @SuppressWarnings("deprecation")
    private ChannelFuture bind(EventLoop loop, RelaySession session, RelayLeg leg, boolean control) {
        int batch = settings.receiveBatch();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.channel())
                .handler(new LegHandler(session, leg, control));
        if (transport.epoll() && batch > 1) {
            // recvmmsg: one system call fills the buffer with up to `batch` datagrams.
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * batch));
        } else if (transport.epoll()) {
            // At 50 packets/s a socket rarely holds a second datagram. Level-triggered epoll with
            // one read per wake-up saves the read that edge-triggered mode needs to hit EAGAIN.
            bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM)
                            .maxMessagesPerRead(1));
        } else {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
        }
        PortPair ports = leg.localPorts();
        int port = control ? ports.rtcp() : ports.rtp();
        return bootstrap.bind(new InetSocketAddress(settings.bindAddress(), port));
    }

    private static Throwable firstFailure(ChannelFuture[] binds) {
        for (ChannelFuture bind : binds) {
            if (!bind.isSuccess()) {
                return bind.cause();
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
