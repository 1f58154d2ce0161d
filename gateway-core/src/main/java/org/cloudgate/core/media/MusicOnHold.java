package org.cloudgate.core.media;

import org.cloudgate.rtp.moh.G711;
import org.cloudgate.rtp.moh.MohSource;
import org.cloudgate.rtp.sdp.CodecPolicy;
import org.cloudgate.rtp.sdp.MediaSection;
import org.cloudgate.rtp.sdp.SessionDescription;

import java.util.Optional;

/**
 * The music the gateway plays to a held party (vendor field "Music on hold", mode
 * {@code gateway}), in each G.711 law, and the rules for when a description puts the other party
 * on hold.
 */
public final class MusicOnHold {

    private final MohSource pcmu;
    private final MohSource pcma;

    public MusicOnHold(MohSource music) {
        this.pcmu = music.in(G711.PCMU);
        this.pcma = music.in(G711.PCMA);
    }

    /**
     * Whether an offer puts the other party on hold: its first stream is {@code sendonly} or
     * {@code inactive} (RFC 3264 section 8.4), or its connection address is the RFC 2543 hold
     * address 0.0.0.0.
     */
    static boolean holds(SessionDescription offer) {
        if (offer.media().isEmpty() || offer.media().get(0).mediaLine().disabled()) {
            return false;
        }
        String direction = offer.direction(0);
        return direction.equals("sendonly") || direction.equals("inactive")
                || offer.connection(0).map(address -> address.isUnspecified()).orElse(false);
    }

    /**
     * The music in the first G.711 law of the held party's own description (the codecs it said
     * it receives, in its order of preference); empty when it offered neither PCMU nor PCMA.
     */
    Optional<MohSource> forParty(SessionDescription held) {
        if (held.media().isEmpty()) {
            return Optional.empty();
        }
        MediaSection section = held.media().get(0);
        for (String format : section.mediaLine().formats()) {
            String name = CodecPolicy.encodingName(section, format);
            if (name.equalsIgnoreCase("PCMU")) {
                return Optional.of(pcmu);
            }
            if (name.equalsIgnoreCase("PCMA")) {
                return Optional.of(pcma);
            }
        }
        return Optional.empty();
    }
}
