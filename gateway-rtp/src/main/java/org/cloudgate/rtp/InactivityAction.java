package org.cloudgate.rtp;

/** What the relay does when a leg has received no RTP or RTCP for the inactivity timeout. */
public enum InactivityAction {
    /** Tell the session's owner, which ends the call on both legs. */
    END_CALL,
    /** Log and count only; the call goes on. */
    REPORT
}
