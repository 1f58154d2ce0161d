package org.cloudgate.sip.transaction;

import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * RFC 3261 section 17.1.1 (figure 5) with RFC 6026: Calling, Proceeding, Completed, Accepted,
 * Terminated. Over UDP the INVITE is resent with doubling intervals (timer A) until a response or
 * timer B. A non-2xx final response is acknowledged here; a 2xx is passed up (its ACK belongs to
 * the dialog) and further 2xx retransmissions are passed up too while timer M runs.
 *
 * <p>{@link #cancel(ResponseListener)} sends a CANCEL once a provisional response has arrived,
 * never before (RFC 3261 section 9.1).
 *
 * <p>Timer B runs in Calling only: once the callee rings, the call may ring as long as the
 * transaction user lets it (its ring timeout). What bounds the transaction then is the CANCEL
 * (no final response 64*T1 after it ends the transaction with 408, RFC 3261 section 9.1), and, if
 * the user never cancels, timer C (section 16.6, step 11): more than three minutes without a
 * provisional response sends the CANCEL itself and reports 408.
 */
public final class InviteClientTransaction extends ClientTransaction {

    /** Timer C: "greater than 3 minutes" (RFC 3261 section 16.6). */
    static final long TIMER_C_MILLIS = 181_000;

    private ResponseListener pendingCancel;
    private boolean cancelSent;
    /** When timer M fires, once Accepted. */
    private long acceptedUntil;

    InviteClientTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, SipTransport transport,
                            InetSocketAddress peer, ResponseListener listener) {
        super(layer, key, request, transport, peer, TransactionState.CALLING, listener);
    }

    @Override
    void start() {
        sendRequest(this::timerA);
    }

    private void timerA() {
        if (state == TransactionState.CALLING) {
            retransmit(2 * interval, this::timerA);
        }
    }

    /**
     * Cancels the INVITE: sends CANCEL in its own non-INVITE transaction now if a provisional
     * response came, or as soon as one comes. Nothing happens once a final response arrived.
     *
     * @param cancelListener receives the response to the CANCEL itself
     */
    public void cancel(ResponseListener cancelListener) {
        layer.assertOnLoop();
        if (state == TransactionState.PROCEEDING) {
            sendCancel(cancelListener);
        } else if (state == TransactionState.CALLING) {
            pendingCancel = cancelListener;
        }
    }

    @Override
    void receive(SipResponse response) {
        int status = response.status();
        switch (state) {
            case CALLING, PROCEEDING -> {
                if (status < 200) {
                    if (!cancelSent) {
                        startTimeout(TIMER_C_MILLIS, this::timerC);   // stops timer B; restarted by each provisional
                    }
                    state = TransactionState.PROCEEDING;
                    cancelRetransmitTimer();
                    listener.onResponse(this, response);
                    sendPendingCancel();
                } else if (status < 300) {
                    accept(response);
                } else {
                    complete(response);
                }
            }
            case COMPLETED -> {
                if (status >= 300) {
                    resend();
                }
            }
            case ACCEPTED -> {
                if (status >= 200 && status < 300) {
                    listener.onResponse(this, response);
                }
            }
            default -> {
                // Terminated: nothing matches any more.
            }
        }
    }

    private void sendPendingCancel() {
        if (pendingCancel != null) {
            ResponseListener cancelListener = pendingCancel;
            pendingCancel = null;
            sendCancel(cancelListener);
        }
    }

    /** Sends the CANCEL; a final response must then come within 64*T1 (RFC 3261 section 9.1). */
    private void sendCancel(ResponseListener cancelListener) {
        if (cancelSent) {
            return;
        }
        cancelSent = true;
        layer.sendCancel(this, cancelListener);
        startTimeout(layer.timers().transactionTimeout(), this::timedOut);
    }

    /** No provisional response for more than three minutes: give up on the callee. */
    private void timerC() {
        if (state == TransactionState.PROCEEDING) {
            sendCancel((transaction, response) -> { });
            timedOut();
        }
    }

    private void accept(SipResponse response) {
        state = TransactionState.ACCEPTED;
        cancelRetransmitTimer();
        pendingCancel = null;
        listener.onResponse(this, response);
        releaseRequest();   // 2xx retransmissions go to the listener; nothing is resent here
        long timerM = layer.timers().transactionTimeout();
        acceptedUntil = layer.loop().ticker().nanoTime() + TimeUnit.MILLISECONDS.toNanos(timerM);
        startTimeout(timerM, this::terminate);
    }

    /**
     * Once the user lets go, a transaction waiting in Accepted for 2xx retransmissions (timer M)
     * only absorbs them, which its layer's linger table does for the rest of the timer.
     */
    @Override
    public void detach() {
        super.detach();
        layer.assertOnLoop();
        if (state == TransactionState.ACCEPTED) {
            retireUntil(LingerTable.CLIENT_DONE, layer.timers().transactionTimeout(), acceptedUntil);
        }
    }

    /** RFC 3261 section 17.1.1.3: ACK the non-2xx final response in this transaction. */
    private void complete(SipResponse response) {
        state = TransactionState.COMPLETED;
        cancelRetransmitTimer();
        pendingCancel = null;
        SipRequest ack = ControlRequests.ackFor(request, response);
        try {
            sendAndKeep(transport.encode(ack, layer.allocator()));
        } finally {
            ack.release();
        }
        listener.onResponse(this, response);
        retire(LingerTable.ACK_KEPT, layer.timers().timerD(reliable()));
    }
}
