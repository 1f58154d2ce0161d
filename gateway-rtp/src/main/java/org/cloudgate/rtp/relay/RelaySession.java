package org.cloudgate.rtp.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import org.cloudgate.rtp.InactivityAction;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.moh.MohPlayer;
import org.cloudgate.rtp.moh.MohSource;
import org.cloudgate.rtp.stats.CallMediaSummary;
import org.cloudgate.rtp.stats.ClockRates;
import org.cloudgate.rtp.stats.ReceptionStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The media of one call relayed between its PBX leg and its cloud leg ("indirect switching").
 *
 * <p>Every socket of the session is registered on the same event loop, and all state changes
 * happen there, so forwarding takes no lock. A datagram received on one leg is checked (RTP or
 * RTCP header, source per {@link SourceLatch}), counted, and its buffer is handed unchanged to
 * the other leg's socket toward that leg's peer: no payload copy, and the payload is never read,
 * so RFC 4733 events and SRTP pass through. Writes are flushed once per read burst.
 *
 * <p>Methods may be called from any thread; they run on the session's loop.
 */
public final class RelaySession {

    private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);

    private final String callReference;
    private final String area;
    private final EventLoop loop;
    private final Map<Side, RelayLeg> legs = new EnumMap<>(Side.class);
    private final Map<Side, MohPlayer> music = new EnumMap<>(Side.class);
    private final RelayMeters meters;
    private final SessionOwner owner;
    private final long inactivityNanos;
    private final InactivityAction inactivityAction;
    private final RelayTap tap;
    private final Consumer<RelaySession> onClosed;
    private final long openedNanos = System.nanoTime();
    private final CompletableFuture<CallMediaSummary> closed = new CompletableFuture<>();
    private final CompletableFuture<RelaySession> bound = new CompletableFuture<>();
    private ScheduledFuture<?> inactivityCheck;
    /** Silence is measured from this moment at the earliest: the open, or the call's answer. */
    private long silenceFrom = openedNanos;
    private boolean closing;

    RelaySession(String callReference, String area, EventLoop loop, RelayLeg pbx, RelayLeg cloud,
                 RelayMeters meters, SessionOwner owner, long inactivityNanos,
                 InactivityAction inactivityAction, RelayTap tap, Consumer<RelaySession> onClosed) {
        this.callReference = callReference;
        this.area = area;
        this.loop = loop;
        this.legs.put(Side.PBX, pbx);
        this.legs.put(Side.CLOUD, cloud);
        this.meters = meters;
        this.owner = owner;
        this.inactivityNanos = inactivityNanos;
        this.inactivityAction = inactivityAction;
        this.tap = tap;
        this.onClosed = onClosed;
    }

    public String callReference() {
        return callReference;
    }

    public String area() {
        return area;
    }

    public RelayLeg leg(Side side) {
        return legs.get(side);
    }

    /** The loop this session runs on. */
    public EventLoop eventLoop() {
        return loop;
    }

    /**
     * Takes the media address a side's SDP announced (from an offer, answer or re-INVITE): the
     * RTP address, the RTCP address ({@code a=rtcp}, else the RTP port + 1), and the clock
     * rates of its payload types. Resets that side's latch.
     *
     * @return completes once the leg uses the new address
     */
    public CompletableFuture<Void> announce(Side side, InetSocketAddress rtp, InetSocketAddress rtcp,
                                            ClockRates rates) {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        onLoop(() -> {
            legs.get(side).announce(rtp, rtcp, rates);
            applied.complete(null);
        });
        return applied;
    }

    /**
     * Streams music on hold toward {@code held} from its relay port, instead of what the other
     * side sends, until {@link #stopMusicOnHold}. Does nothing when the held side has no known
     * address yet. While it plays, the held side's silence does not count as inactivity.
     */
    public void startMusicOnHold(Side held, MohSource source) {
        onLoop(() -> {
            RelayLeg leg = legs.get(held);
            if (closing || music.containsKey(held) || leg.rtpDestination() == null) {
                return;
            }
            MohPlayer player = new MohPlayer(leg.channel(false), leg.rtpDestination(), source);
            music.put(held, player);
            player.start();
        });
    }

    public void stopMusicOnHold(Side held) {
        onLoop(() -> {
            MohPlayer player = music.remove(held);
            if (player != null) {
                player.stop();
            }
        });
    }

    /**
     * Closes the sockets and gives the ports back; completes with the call's media record once
     * the ports are released. Safe to call more than once.
     */
    public CompletableFuture<CallMediaSummary> close() {
        onLoop(this::closeOnLoop);
        return closed;
    }

    /** Completes once the session is closed and its ports are back in the pool. */
    public CompletableFuture<CallMediaSummary> closeFuture() {
        return closed;
    }

    /**
     * Measures silence from now on. The owner calls it when the call is answered: no media is due
     * while a call rings, so a call that rings longer than the inactivity timeout is not taken for
     * a silent one. Re-arms the check if an earlier report stopped it.
     */
    public void restartInactivityClock() {
        onLoop(() -> {
            if (closing || inactivityNanos == 0) {
                return;
            }
            silenceFrom = System.nanoTime();
            if (inactivityCheck != null) {
                inactivityCheck.cancel(false);
            }
            inactivityCheck = loop.schedule(this::checkInactivity, inactivityNanos, TimeUnit.NANOSECONDS);
        });
    }

    /** Completes with this session once its four sockets are bound, or with the bind error. */
    public CompletableFuture<RelaySession> bound() {
        return bound;
    }

    /** On the loop, once every bind has completed; {@code failure} is the first bind error. */
    void bindsDone(Throwable failure) {
        if (closing) {
            // Closed while binding: the legs closed nothing then; close the sockets now.
            legs.get(Side.PBX).close(() -> legs.get(Side.CLOUD).close(() -> { }));
            bound.completeExceptionally(failure != null ? failure
                    : new IllegalStateException("relay session " + callReference + " closed while binding"));
        } else if (failure == null) {
            started();
            bound.complete(this);
        } else {
            close().whenComplete((summary, error) -> bound.completeExceptionally(failure));
        }
    }

    private void started() {
        if (inactivityNanos > 0 && inactivityCheck == null) {
            inactivityCheck = loop.schedule(this::checkInactivity, inactivityNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** One datagram received on {@code from}'s RTP ({@code control} false) or RTCP socket. */
    void onDatagram(RelayLeg from, boolean control, DatagramPacket packet) {
        ByteBuf content = packet.content();
        boolean valid = control ? RtpHeader.isRtcp(content) : RtpHeader.isRtp(content);
        if (!valid) {
            drop(from, DropReason.NOT_RTP, packet);
            return;
        }
        long now = System.nanoTime();
        long ssrc = control ? RtpHeader.rtcpSenderSsrc(content) : RtpHeader.ssrc(content);
        if (!from.source(control).admit(packet.sender(), ssrc, now)) {
            drop(from, DropReason.STRANGER, packet);
            return;
        }
        ReceptionStatistics statistics = from.statistics();
        if (control) {
            statistics.onOtherPacket(content.readableBytes(), now);
        } else {
            statistics.onRtp(RtpHeader.sequence(content), RtpHeader.timestamp(content),
                    RtpHeader.payloadType(content), ssrc, content.readableBytes(), now);
        }
        RelayLeg to = legs.get(from.side().other());
        if (music.containsKey(to.side())) {
            drop(from, DropReason.ON_HOLD, packet);
            return;
        }
        InetSocketAddress destination = to.source(control).destination();
        if (destination == null) {
            drop(from, DropReason.NO_DESTINATION, packet);
            return;
        }
        Channel out = to.channel(control);
        if (!out.isWritable()) {
            drop(from, DropReason.CONGESTED, packet);
            return;
        }
        meters.relayed(from.side()).increment();
        if (!control && tap.active()) {
            tap.rtp(packet.sender(), (InetSocketAddress) from.channel(false).localAddress(), content);
            tap.rtp((InetSocketAddress) out.localAddress(), destination, content);
        }
        out.write(new DatagramPacket(content, destination), out.voidPromise());
        to.flushLater(control);
    }

    /** End of a read burst on one of {@code from}'s sockets: send what it produced. */
    void onReadComplete(RelayLeg from) {
        legs.get(from.side().other()).flushPending();
    }

    private void drop(RelayLeg from, DropReason reason, DatagramPacket packet) {
        packet.release();
        meters.dropped(from.side(), reason).increment();
    }

    /**
     * Runs when the quietest leg may have reached the timeout. {@code end-call} tells the owner
     * once and stops checking; {@code report} reports each leg once per silent spell (until a
     * packet arrives on it again) and goes on checking.
     */
    private void checkInactivity() {
        if (closing) {
            return;
        }
        long now = System.nanoTime();
        long nextCheck = inactivityNanos;
        for (RelayLeg leg : legs.values()) {
            if (music.containsKey(leg.side())) {
                // A held party may legitimately send nothing (it answered recvonly, RFC 3264 8.4).
                continue;
            }
            long last = Math.max(leg.statistics().lastArrivalNanos(), silenceFrom);
            long silent = now - last;
            if (silent < inactivityNanos) {
                nextCheck = Math.min(nextCheck, inactivityNanos - silent);
            } else if (leg.reportSilence(last)) {
                onInactive(leg.side(), silent);
                if (inactivityAction == InactivityAction.END_CALL) {
                    return;
                }
            }
        }
        inactivityCheck = loop.schedule(this::checkInactivity, nextCheck, TimeUnit.NANOSECONDS);
    }

    private void onInactive(Side side, long silentNanos) {
        meters.inactivity(inactivityAction);
        LOG.info("media inactive call={} side={} silentMs={} action={}", callReference, side.tag(),
                TimeUnit.NANOSECONDS.toMillis(silentNanos), inactivityAction);
        if (inactivityAction == InactivityAction.END_CALL) {
            owner.mediaInactive(this, side);
        }
    }

    private void closeOnLoop() {
        if (closing) {
            return;
        }
        closing = true;
        if (inactivityCheck != null) {
            inactivityCheck.cancel(false);
        }
        music.values().forEach(MohPlayer::stop);
        music.clear();
        CallMediaSummary summary = summarise();
        legs.get(Side.PBX).close(() -> legs.get(Side.CLOUD).close(() -> {
            onClosed.accept(this);
            closed.complete(summary);
        }));
    }

    private CallMediaSummary summarise() {
        CallMediaSummary summary = new CallMediaSummary(callReference, area,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos),
                legs.get(Side.PBX).statistics().summary(), legs.get(Side.CLOUD).statistics().summary());
        meters.sessionClosed(area, Side.PBX, summary.pbx());
        meters.sessionClosed(area, Side.CLOUD, summary.cloud());
        if (LOG.isInfoEnabled()) {
            LOG.info("media of call {}: area {}, {} ms; from the PBX {}; from the cloud {}", callReference, area,
                    summary.durationMs(), summary.pbx().describe(), summary.cloud().describe());
        }
        return summary;
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
