package org.cloudgate.sip.transaction;

import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;

import java.net.InetSocketAddress;

/**
 * The layer above the transactions (RFC 3261 section 17): the B2BUA, or a test's user agent. Every
 * call arrives on the event loop that owns the transaction layer. Messages passed in are valid
 * for the duration of the call; retain them to keep them longer.
 */
public interface TransactionUser {

    /** A new request, with the server transaction that will carry its responses. */
    void onRequest(ServerTransaction transaction, SipRequest request);

    /**
     * A CANCEL matched {@code invite}, still waiting for its final response; the layer has already
     * answered the CANCEL with 200 (RFC 3261 section 9.2). The user should answer the INVITE 487.
     */
    void onCancel(ServerTransaction invite, SipRequest cancel);

    /** An ACK for a 2xx, which belongs to the dialog, not to a transaction (RFC 3261 section 17.1.1.3). */
    void onAck(SipRequest ack, InetSocketAddress source);

    /** A response that matches no client transaction, e.g. a retransmitted 2xx to INVITE. */
    default void onStrayResponse(SipResponse response, InetSocketAddress source) {
    }

    /**
     * A retransmitted request the layer answered itself: its sender had not heard the answer it
     * already has (or is about to get) in time. Many of them mean the gateway answers late.
     */
    default void onRetransmission(SipRequest request) {
    }

    /** An INVITE server transaction sent a non-2xx final response and never got its ACK (timer H). */
    default void onAckTimeout(ServerTransaction invite) {
    }
}
