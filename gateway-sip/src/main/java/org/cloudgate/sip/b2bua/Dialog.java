package org.cloudgate.sip.b2bua;

import io.netty.buffer.ByteBuf;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;

/**
 * One of the two dialogs of a call (RFC 3261 section 12): the gateway's side of it. Requests the
 * gateway sends in the dialog go to {@link #peer} over {@link #transport}, the flow the other
 * party used, with the Request-URI {@link #remoteTarget}.
 *
 * <p>Used on the call's event loop only, except for the identifiers, which are final.
 */
final class Dialog {

    final Call call;
    final String callId;
    final String localTag;
    /** The local party's header value as the gateway writes it (From of its requests), tag included. */
    final String localParty;
    /** The remote party's header value (To of the gateway's requests), tag included once known. */
    String remoteParty;
    String remoteTag;
    String remoteTarget;
    final InetSocketAddress peer;
    final SipTransport transport;
    /** The CSeq number of the gateway's last request in this dialog. */
    long localCseq;
    /** The CSeq number of the peer's last request, -1 before the first (RFC 3261 section 12.2.2). */
    long remoteCseq = -1;

    /** An INVITE 2xx sent in this dialog and not yet acknowledged, retransmitted over UDP. */
    PendingAnswer unacknowledged;
    /** A 2xx received on this dialog to an INVITE whose ACK waits for the other leg's ACK. */
    long ackOwedFor = -1;
    /** The ACK this dialog last sent, kept to answer 2xx retransmissions (RFC 3261 section 13.2.2.4). */
    ByteBuf lastAck;
    long lastAckCseq = -1;
    /** The session timer of this dialog (RFC 4028), or {@code null} when the gateway runs none. */
    SessionTimer session;

    Dialog(Call call, String callId, String localTag, String localParty, InetSocketAddress peer,
           SipTransport transport, long localCseq) {
        this.call = call;
        this.callId = callId;
        this.localTag = localTag;
        this.localParty = localParty;
        this.peer = peer;
        this.transport = transport;
        this.localCseq = localCseq;
    }

    /** The other dialog of the call. */
    Dialog other() {
        return call.caller == this ? call.callee : call.caller;
    }

    void confirm(String remoteParty, String remoteTag, String remoteTarget) {
        this.remoteParty = remoteParty;
        this.remoteTag = remoteTag;
        this.remoteTarget = remoteTarget;
    }

    /** Forgets what it keeps for retransmissions. */
    void release() {
        if (session != null) {
            session.stop();
        }
        if (unacknowledged != null) {
            unacknowledged.stop();
            unacknowledged = null;
        }
        if (lastAck != null) {
            lastAck.release();
            lastAck = null;
        }
    }
}
