package org.cloudgate.core.media;

import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.sdp.Origin;
import org.cloudgate.rtp.sdp.SessionDescription;

import java.util.EnumMap;
import java.util.Map;

/**
 * Tells offers from answers among the session descriptions of one call, from their order and
 * origin alone (the B2BUA hands bodies over without saying which is which). RFC 3264 section 4:
 * a description answers the other side's outstanding offer; otherwise it is a new offer. A
 * description whose {@code o=} line equals the one its side sent last is the same description
 * again (an answer in a 183 repeated in the 200, RFC 3261 section 13.2.1), which neither offers
 * nor answers anything.
 *
 * <p>Not thread-safe: the call's loop owns it.
 */
final class OfferAnswer {

    enum Kind { OFFER, ANSWER, REPEAT }

    private final Map<Side, Origin> lastOrigin = new EnumMap<>(Side.class);
    private Side outstandingOffer;

    Kind classify(Side from, SessionDescription sdp) {
        Origin previous = lastOrigin.put(from, sdp.origin());
        if (sdp.origin().equals(previous)) {
            return Kind.REPEAT;
        }
        if (outstandingOffer == from.other()) {
            outstandingOffer = null;
            return Kind.ANSWER;
        }
        outstandingOffer = from;
        return Kind.OFFER;
    }
}
