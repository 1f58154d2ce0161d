package org.cloudgate.sip.transaction;

import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;

/**
 * RFC 3261 section 17.2.1 (figure 7) with RFC 6026: Proceeding, Completed, Confirmed, Accepted,
 * Terminated. A 100 Trying goes out at once, so the client stops retransmitting. A non-2xx final
 * response is resent over UDP (timer G) until its ACK arrives or timer H gives up; a 2xx moves to
 * Accepted, where retransmitted INVITEs are absorbed for 64*T1 (timer L) while the dialog resends
 * the 2xx.
 */
final class InviteServerTransaction extends ServerTransaction {

    private long interval;

    InviteServerTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, SipTransport transport,
                            InetSocketAddress source) {
        super(layer, key, request, transport, source, TransactionState.PROCEEDING);
    }

    /**
     * RFC 3261 section 17.2.1: the server transaction answers 100 itself, straight from the
     * request's headers to the wire (a 100 moves no state and nothing reads it).
     */
    void sendTrying() {
        layer.assertOnLoop();
        if (state == TransactionState.PROCEEDING) {
            sendAndKeep(SipErrorResponse.encode(request, 100, "Trying", layer.allocator()));
        }
    }

    @Override
    void advance(int status) {
        if (status < 200) {
            return;
        }
        if (status < 300) {
            state = TransactionState.ACCEPTED;
            retire(LingerTable.INVITE_ACCEPTED, layer.timers().transactionTimeout());
            return;
        }
        state = TransactionState.COMPLETED;
        releaseRequest();   // timers G and H need only the response sent
        if (!reliable()) {
            interval = layer.timers().t1Millis();
            startRetransmitTimer(interval, this::timerG);
        }
        startTimeout(layer.timers().transactionTimeout(), this::timerH);
    }

    private void timerG() {
        if (state != TransactionState.COMPLETED) {
            return;
        }
        resend();
        interval = Math.min(2 * interval, layer.timers().t2Millis());
        startRetransmitTimer(interval, this::timerG);
    }

    private void timerH() {
        if (state == TransactionState.COMPLETED) {
            layer.user().onAckTimeout(this);
        }
        terminate();
    }

    @Override
    void retransmission(SipRequest again) {
        if (state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) {
            resend();
        }
    }

    /** The ACK for a non-2xx final response (RFC 3261 section 17.2.1, Confirmed state). */
    void acknowledged() {
        if (state != TransactionState.COMPLETED) {
            return;
        }
        state = TransactionState.CONFIRMED;
        retire(LingerTable.INVITE_CONFIRMED, layer.timers().timerIK(reliable()));
    }
}
