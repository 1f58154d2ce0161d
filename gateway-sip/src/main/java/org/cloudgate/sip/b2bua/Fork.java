package org.cloudgate.sip.b2bua;

import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.ClientTransaction;
import org.cloudgate.sip.transaction.InviteClientTransaction;
import org.cloudgate.sip.transport.SipTransport;

/**
 * One outgoing INVITE of a call, toward one target: its own Call-ID, the call's From tag, and
 * its client transaction. A digest challenge of the target is answered once with the target's
 * credentials, in a new transaction of the same dialog (RFC 3261 section 22.2).
 */
final class Fork {

    final Call call;
    final CallTarget target;
    final String callId;
    long cseq;
    SipTransport transport;
    InviteClientTransaction transaction;
    boolean authenticated;
    /** The session interval this fork asks for; 0 without session timers. */
    long sessionInterval;
    boolean intervalRaised;
    boolean finished;
    boolean answered;

    Fork(Call call, CallTarget target, String callId, long cseq) {
        this.call = call;
        this.target = target;
        this.callId = callId;
        this.cseq = cseq;
        SessionRefresh refresh = call.table.b2bua.settings.sessionRefresh();
        this.sessionInterval = refresh.enabled() ? refresh.intervalSeconds() : 0;
    }

    /**
     * Sends the INVITE written over the caller's {@code request}, with credentials when
     * {@code credentialsHeader} is set.
     *
     * @return false when no transport can reach the target
     */
    boolean send(SipRequest request, HeaderName credentialsHeader, String credentials) {
        CallTable table = call.table;
        try {
            transport = target.transport() != null ? target.transport()
                    : table.stack.transportFor(target.policy(), request.encodedLength());
        } catch (IllegalStateException e) {
            return false;
        }
        SipRequest out = table.b2bua.messages.invite(request, target, transport, table.layer.newBranch(), callId,
                call.calleeFrom, cseq, call.plan.rewrite(), sessionInterval,
                table.b2bua.settings.sessionRefresh().minimumSeconds());
        if (call.offer != null) {
            out.setContent(call.offer.retainedDuplicate());
        }
        if (credentialsHeader != null) {
            out.setHeader(credentialsHeader, credentials);
        }
        transaction = (InviteClientTransaction) table.layer.send(out, target.destination(), transport, this::onResponse);
        return true;
    }

    private void onResponse(ClientTransaction from, SipResponse response) {
        if (from == transaction) {
            call.forkResponse(this, response);
        }
    }

    void cancel() {
        if (!finished && transaction != null) {
            transaction.cancel((t, r) -> { });
        }
    }
}
