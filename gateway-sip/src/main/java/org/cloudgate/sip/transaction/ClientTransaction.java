package org.cloudgate.sip.transaction;

import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;

/**
 * A request the gateway sent and the machine that sees it to a final outcome (RFC 3261 section
 * 17.1): retransmissions over UDP, matching of responses, and a locally made 408 or 503 when the
 * peer never answers or cannot be reached.
 */
public abstract class ClientTransaction extends Transaction {

    /** The transaction user; a no-op once it {@linkplain #detach() let go}. */
    ResponseListener listener;
    private long startNanos;
    private long nextRetransmission;
    /** The current retransmission interval over UDP (timers A and E). */
    long interval;

    ClientTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, SipTransport transport,
                      InetSocketAddress peer, TransactionState initial, ResponseListener listener) {
        super(layer, key, request, transport, peer, initial);
        this.listener = listener;
    }

    /** Sends the request and arms the timers of the initial state. */
    abstract void start();

    /**
     * The transaction user has no more use for this transaction's responses (its call ended):
     * the transaction runs its timers to the end (RFC 6026: a 2xx retransmitted while it lingers
     * is still absorbed here) without keeping the user, and what the user holds, reachable.
     */
    public void detach() {
        listener = (transaction, response) -> { };
    }

    /**
     * Sends the request; over UDP arms its first retransmission at T1 (timers A and E), and in
     * any case the transaction timeout (timers B and F).
     */
    final void sendRequest(Runnable retransmission) {
        startNanos = layer.loop().ticker().nanoTime();
        sendAndKeep(transport.encode(request, layer.allocator()));
        if (!reliable()) {
            interval = layer.timers().t1Millis();
            nextRetransmission = interval;
            startRetransmitTimerAt(startNanos, nextRetransmission, retransmission);
        }
        startTimeout(layer.timers().transactionTimeout(), this::timedOut);
    }

    /** Resends the request and arms the next retransmission {@code nextInterval} later. */
    final void retransmit(long nextInterval, Runnable retransmission) {
        resend();
        interval = nextInterval;
        nextRetransmission += nextInterval;
        startRetransmitTimerAt(startNanos, nextRetransmission, retransmission);
    }

    /** A response whose branch and method match this transaction (RFC 3261 section 17.1.3). */
    abstract void receive(SipResponse response);

    /** Timer B or F: the peer never answered (RFC 3261 section 17.1.1.2, 17.1.2.2). */
    void timedOut() {
        layer.timedOut();
        deliverLocal(408, "Request Timeout");
    }

    @Override
    void transportFailed(Throwable cause) {
        if (state == TransactionState.CALLING || state == TransactionState.TRYING
                || state == TransactionState.PROCEEDING) {
            deliverLocal(503, "Service Unavailable");
        }
    }

    /** A locally made outcome ends the transaction once the listener has seen it. */
    private void deliverLocal(int status, String reason) {
        SipResponse response = SipErrorResponse.of(request, status, reason);
        try {
            listener.onResponse(this, response);
        } finally {
            response.release();
            terminate();
        }
    }
}
