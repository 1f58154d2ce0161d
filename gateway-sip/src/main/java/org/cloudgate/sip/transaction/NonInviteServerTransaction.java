package org.cloudgate.sip.transaction;

import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;

/**
 * RFC 3261 section 17.2.2 (figure 8): Trying, Proceeding, Completed, Terminated. Timer J keeps the
 * final response around to answer retransmissions over UDP.
 */
final class NonInviteServerTransaction extends ServerTransaction {

    NonInviteServerTransaction(TransactionLayer layer, TransactionKey key, SipRequest request,
                               SipTransport transport, InetSocketAddress source) {
        super(layer, key, request, transport, source, TransactionState.TRYING);
    }

    @Override
    void advance(int status) {
        if (status < 200) {
            state = TransactionState.PROCEEDING;
            return;
        }
        state = TransactionState.COMPLETED;
        retire(LingerTable.RESPONSE_KEPT, layer.timers().timerJ(reliable()));
    }

    @Override
    void retransmission(SipRequest again) {
        if (state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) {
            resend();
        }
    }
}
