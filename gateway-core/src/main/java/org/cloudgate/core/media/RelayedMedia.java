package org.cloudgate.core.media;

import io.netty.buffer.ByteBuf;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.moh.MohSource;
import org.cloudgate.rtp.relay.RelaySession;
import org.cloudgate.rtp.relay.SessionOwner;
import org.cloudgate.rtp.sdp.MediaAddress;
import org.cloudgate.rtp.sdp.MediaEndpoint;
import org.cloudgate.rtp.sdp.OriginVersions;
import org.cloudgate.rtp.sdp.RelayRewriter;
import org.cloudgate.rtp.sdp.SessionDescription;
import org.cloudgate.sip.b2bua.CallMedia;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A call with indirect switching: its media flows through one {@link RelaySession}, and every
 * session description between the legs is rewritten to name the relay.
 *
 * <p>For each description from one side: parse it and keep the bandwidth area's codecs (488
 * otherwise), tell the relay where that side wants its media ({@code c=}, {@code m=} port,
 * {@code a=rtcp}), then send the other side the same description with the relay's address and the
 * port of the relay leg that faces it, ICE and {@code a=rtcp-mux} removed ({@link RelayRewriter}),
 * and an origin that stays the same toward that side with a version that grows only when the
 * description changes ({@link OriginVersions}, RFC 3264 section 8). Only the first stream is
 * relayed; other streams are disabled with port 0.
 *
 * <p>Hold (RFC 3264 section 8.4): an offer that is {@code sendonly}, {@code inactive} or addressed
 * to 0.0.0.0 puts the other party on hold; the description passes through unchanged. With music on
 * hold from the gateway, the relay then plays music to the held party (in the G.711 law it
 * offered) instead of relaying the holder's media, until the holder's next offer resumes.
 *
 * <p>Runs on the call's event loop, which the relay session shares.
 */
final class RelayedMedia implements CallMedia, SessionOwner {

    private static final Logger log = LoggerFactory.getLogger(RelayedMedia.class);

    private RelaySession session;
    private final Side caller;
    private final MediaAddress relayAddress;
    private final SdpBodies bodies;
    private final MusicOnHold music;
    private final MediaMeters meters;
    private final Map<Side, OriginVersions> versions = new EnumMap<>(Side.class);
    private final Map<Side, SessionDescription> lastFrom = new EnumMap<>(Side.class);
    private final Set<Side> holding = EnumSet.noneOf(Side.class);
    private final OfferAnswer offers = new OfferAnswer();
    private volatile Consumer<String> hangUp;
    private volatile String failure;

    /**
     * @param caller which side of the gateway the INVITE came from
     * @param music  the gateway's music on hold, {@code null} when hold is signalled through
     */
    RelayedMedia(Side caller, MediaAddress relayAddress, SdpBodies bodies, MusicOnHold music, MediaMeters meters) {
        this.caller = caller;
        this.relayAddress = relayAddress;
        this.bodies = bodies;
        this.music = music;
        this.meters = meters;
        for (Side side : Side.values()) {
            versions.put(side, new OriginVersions());
        }
    }

    /** The call's relay session, opened with this as its owner; once, before any description. */
    void relayThrough(RelaySession relaySession) {
        this.session = relaySession;
        relaySession.bound().whenComplete((bound, error) -> {
            if (error != null) {
                relayFailed("the relay ports could not be bound: " + error.getMessage());
            }
        });
    }

    @Override
    public ByteBuf towardCallee(ByteBuf sdp) {
        return relay(caller, sdp);
    }

    @Override
    public ByteBuf towardCaller(ByteBuf sdp) {
        return relay(caller.other(), sdp);
    }

    private ByteBuf relay(Side from, ByteBuf body) {
        SessionDescription sdp = bodies.read(body);
        Side to = from.other();
        MediaEndpoint.of(sdp, 0).ifPresent(peer -> session.announce(from, peer.rtp(), peer.rtcp(), peer.rates()));
        lastFrom.put(from, sdp);
        if (offers.classify(from, sdp) == OfferAnswer.Kind.OFFER) {
            followHold(from, MusicOnHold.holds(sdp));
        }
        SessionDescription rewritten = RelayRewriter.rewrite(sdp, relayAddress, session.leg(to).localPorts().rtp());
        return SdpBodies.write(versions.get(to).stamp(rewritten));
    }

    /** An offer from {@code holder}: starts or stops the music toward the other party as it says. */
    private void followHold(Side holder, boolean holds) {
        if (holds == holding.contains(holder)) {
            return;
        }
        Side held = holder.other();
        if (holds) {
            holding.add(holder);
            log.debug("call {}: {} side holds the {} side", session.callReference(), holder.tag(), held.tag());
            if (music != null) {
                startMusic(held);
            }
        } else {
            holding.remove(holder);
            log.debug("call {}: {} side resumes", session.callReference(), holder.tag());
            if (music != null) {
                session.stopMusicOnHold(held);
            }
        }
    }

    private void startMusic(Side held) {
        SessionDescription heldDescription = lastFrom.get(held);
        Optional<MohSource> source = heldDescription == null ? Optional.empty() : music.forParty(heldDescription);
        if (source.isEmpty()) {
            meters.noMusicCodec();
            log.info("call {}: no music on hold, the held {} side offered neither PCMU nor PCMA",
                    session.callReference(), held.tag());
            return;
        }
        meters.musicOnHold();
        session.startMusicOnHold(held, source.get());
    }

    @Override
    public void answered(Consumer<String> hangUp) {
        this.hangUp = hangUp;
        session.restartInactivityClock();
        String failed = failure;
        if (failed != null) {
            hangUp.accept(failed);
        }
    }

    /** Silent media with the action {@code end-call}: ends an answered call; a ringing one rings on. */
    @Override
    public void mediaInactive(RelaySession silent, Side silentSide) {
        Consumer<String> end = hangUp;
        if (end != null) {
            end.accept("no media from the " + silentSide.tag() + " side");
        }
    }

    private void relayFailed(String reason) {
        log.warn("call {}: {}", session.callReference(), reason);
        failure = reason;
        Consumer<String> end = hangUp;
        if (end != null) {
            end.accept(reason);
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
