package org.cloudgate.core.media;

import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.pool.PortPoolExhaustedException;
import org.cloudgate.sip.b2bua.CallMedia;

/** Gives each new call its media policy; the router asks once per call it places. */
@FunctionalInterface
public interface CallMediaSource {

    /** Every call's SDP passes unchanged. */
    CallMediaSource PASS_THROUGH = (reference, caller, callee) -> CallMedia.PASS_THROUGH;

    /**
     * @param callReference names the call in logs (the caller's Call-ID)
     * @param caller        the side the INVITE came from
     * @param callee        the side it goes to
     * @throws PortPoolExhaustedException when the call needs relay ports and none is free (503)
     */
    CallMedia forCall(String callReference, Side caller, Side callee) throws PortPoolExhaustedException;
}
