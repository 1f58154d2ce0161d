package org.cloudgate.sip.transaction;

import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;

/**
 * RFC 3261 section 17.1.2 (figure 6): Trying, Proceeding, Completed, Terminated. Over UDP the
 * request is resent at T1, 2*T1, ... up to T2 (timer E) until a final response or timer F; after a
 * final response, timer K absorbs its retransmissions.
 */
final class NonInviteClientTransaction extends ClientTransaction {


    NonInviteClientTransaction(TransactionLayer layer, TransactionKey key, SipRequest request,
                               SipTransport transport, InetSocketAddress peer, ResponseListener listener) {
        super(layer, key, request, transport, peer, TransactionState.TRYING, listener);
    }

    @Override
    void start() {
        sendRequest(this::timerE);
    }

    private void timerE() {
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            return;
        }
        long t2 = layer.timers().t2Millis();
        retransmit(state == TransactionState.PROCEEDING ? t2 : Math.min(2 * interval, t2), this::timerE);
    }

    @Override
    void receive(SipResponse response) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (response.status() < 200) {
                    state = TransactionState.PROCEEDING;
                    listener.onResponse(this, response);
                    return;
                }
                state = TransactionState.COMPLETED;
                cancelRetransmitTimer();
                listener.onResponse(this, response);
                retire(LingerTable.CLIENT_DONE, layer.timers().timerIK(reliable()));
            }
            default -> {
                // Completed: a retransmitted final response is absorbed (timer K runs).
            }
        }
    }
}
