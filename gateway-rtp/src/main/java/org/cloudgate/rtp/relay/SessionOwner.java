package org.cloudgate.rtp.relay;

import org.cloudgate.rtp.Side;

/**
 * The party a relay session reports to: the B2BUA dialog of the call. Called on the session's
 * event loop; implementations hand work to their own thread if they need to block.
 */
@FunctionalInterface
public interface SessionOwner {

    /**
     * The leg on {@code silentSide} received no RTP or RTCP for the inactivity timeout and the
     * configured action is to end the call: the owner sends BYE on both dialogs and closes the
     * session.
     */
    void mediaInactive(RelaySession session, Side silentSide);
}
