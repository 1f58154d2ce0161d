package org.cloudgate.rtp.sdp;

/**
 * Keeps the {@code o=} line of the SDP the gateway sends on one dialog consistent, as RFC 3264
 * section 8 requires: the same username, session id and address throughout, and a version that
 * grows by one exactly when the description changes. A B2BUA needs this because the far side's
 * SDP (whose own origin may change, e.g. after a transfer) is rewritten into the near dialog.
 *
 * <p>One instance per dialog and direction; not thread-safe (the dialog's loop owns it).
 */
public final class OriginVersions {

    private Origin sent;
    private String sentBody;

    /** The description to send: {@code outgoing} with the dialog's origin and the right version. */
    public SessionDescription stamp(SessionDescription outgoing) {
        String body = outgoing.encodeWithoutOrigin();
        if (sent == null) {
            sent = outgoing.origin();
        } else if (!body.equals(sentBody)) {
            sent = sent.withVersion(sent.version() + 1);
        }
        sentBody = body;
        return outgoing.withOrigin(sent);
    }
}
