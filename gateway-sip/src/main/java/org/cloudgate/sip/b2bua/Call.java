package org.cloudgate.sip.b2bua;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import org.cloudgate.sip.auth.DigestChallengeKind;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipMethods;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.DialogTag;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transport.SipTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One call through the gateway: the caller's dialog, the forks toward the callee side, and, once
 * one answered, the callee's dialog. Provisional and final responses travel from the callee side
 * to the caller; requests inside the call travel between the two dialogs with their responses
 * back. Every state has a bound: ringing by the ring timeout, an unacknowledged 2xx by 64*T1, an
 * answered call by the maximum duration.
 *
 * <p>Lives on its table's event loop.
 */
final class Call {

    private static final Logger log = LoggerFactory.getLogger(Call.class);

    enum State { PROCEEDING, ANSWERED, CONFIRMED, ENDED }

    final CallTable table;
    final ServerTransaction invite;
    final Dialog caller;
    Dialog callee;
    final CallPlan.Forward plan;
    /** The From of every fork: the caller's identity as the router wrote it, with the call's tag. */
    final String calleeFrom;
    private final String calleeTag;
    private final boolean lateOffer;
    private final List<Fork> forks = new ArrayList<>(1);
    State state = State.PROCEEDING;
    private SipResponse bestFailure;
    /** The caller's offer as the callee side gets it, when the media policy rewrote it. */
    ByteBuf offer;
    private ScheduledFuture<?> ringTimer;
    private ScheduledFuture<?> durationTimer;

    Call(CallTable table, ServerTransaction invite, SipRequest request, CallPlan.Forward plan) {
        this.table = table;
        this.invite = invite;
        this.plan = plan;
        int loop = table.layer.index();
        String callerTag = DialogTag.forLoop(loop);
        this.caller = new Dialog(this, request.callId(), callerTag, request.header(HeaderName.TO) + ";tag=" + callerTag,
                invite.source(), invite.transport(), 0);
        NameAddress from = request.from();
        caller.confirm(request.header(HeaderName.FROM), from == null ? null : from.tag(),
                remoteTarget(request.contacts(), request.requestUri()));
        caller.remoteCseq = request.cseq().number();
        this.calleeTag = DialogTag.forLoop(loop);
        this.calleeFrom = LegMessages.from(from, plan.caller(), calleeTag);
        this.lateOffer = !request.content().isReadable();
    }

    private static String remoteTarget(List<NameAddress> contacts, String fallback) {
        return contacts.isEmpty() ? fallback : contacts.get(0).uri();
    }

    /** Places the forks; the call fails at once with 503 when none could be sent. */
    void start(SipRequest request) {
        table.add(this);
        table.b2bua.metrics.callStarted(plan.kind());
        if (!lateOffer && isSessionDescription(request.contentType())) {
            try {
                offer = plan.media().towardCallee(request.content());
            } catch (MediaRefusedException e) {
                respondToCaller(488, "Not Acceptable Here", "Warning: 399 cloudgate \"" + e.getMessage() + '"');
                end(CallOutcome.REFUSED);
                return;
            }
        }
        ringTimer = table.layer.loop().schedule(this::ringTimeout, table.b2bua.settings.ringTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        long cseq = request.cseq().number();
        for (CallTarget target : plan.targets()) {
            Fork fork = new Fork(this, target, newCallId(), cseq);
            forks.add(fork);
            if (!fork.send(request, null, null)) {
                fork.finished = true;
            }
        }
        if (forks.stream().allMatch(f -> f.finished)) {
            respondToCaller(503, "Service Unavailable");
            end(CallOutcome.FAILED);
        }
    }

    private String newCallId() {
        return DialogTag.forLoop(table.layer.index()) + '@' + table.b2bua.host();
    }

    // ---- responses of the forks -----------------------------------------------------------

    void forkResponse(Fork fork, SipResponse response) {
        int status = response.status();
        if (status == 100) {
            return;
        }
        if (status < 200) {
            if (state == State.PROCEEDING && invite.pending()) {
                relayToCaller(response);
            }
        } else if (status < 300) {
            answered(fork, response);
        } else {
            failed(fork, response);
        }
    }

    private void relayToCaller(SipResponse response) {
        SipResponse out = table.b2bua.messages.response(response, invite.request(), caller.localTag, caller.transport);
        if (!withMedia(out, response, false)) {
            out.setContent(Unpooled.EMPTY_BUFFER);
        }
        try {
            invite.respond(out);
        } finally {
            out.release();
        }
    }

    private void answered(Fork fork, SipResponse response) {
        if (fork.answered) {
            if (callee != null && callee.callId.equals(fork.callId)) {
                resendAck(callee, response);
            }
            return;
        }
        fork.answered = true;
        fork.finished = true;
        if (state != State.PROCEEDING || !invite.pending()) {
            discard(fork, response);
            return;
        }
        NameAddress to = response.to();
        callee = new Dialog(this, fork.callId, calleeTag, calleeFrom, fork.target.destination(), fork.transport, fork.cseq);
        callee.confirm(response.header(HeaderName.TO), to == null ? null : to.tag(),
                remoteTarget(response.contacts(), fork.target.requestUri()));
        table.answered(this);
        for (Fork other : forks) {
            if (other != fork) {
                other.cancel();
            }
        }
        state = State.ANSWERED;
        plan.media().answered(reason -> table.layer.loop().execute(() -> hangUp(reason)));
        cancelRingTimer();
        durationTimer = table.layer.loop().schedule(() -> hangUp("maximum call duration reached"),
                table.b2bua.settings.maxDuration().toMillis(), TimeUnit.MILLISECONDS);
        if (lateOffer) {
            callee.ackOwedFor = fork.cseq;
        } else {
            sendAck(callee, fork.cseq, null);
        }
        SipResponse out = table.b2bua.messages.response(response, invite.request(), caller.localTag, caller.transport);
        if (!withMedia(out, response, false)) {
            out.release();
            respondToCaller(488, "Not Acceptable Here");
            bye(callee, "the answer's media cannot be carried");
            end(CallOutcome.FAILED);
            return;
        }
        invite.respond(out);
        caller.unacknowledged = new PendingAnswer(caller, out, invite.request().cseq().number(),
                table.layer.timers(), () -> hangUp("no ACK for the 2xx"));
    }

    private void failed(Fork fork, SipResponse response) {
        if (fork.finished) {
            return;
        }
        if (retryWithCredentials(fork, response)) {
            return;
        }
        fork.finished = true;
        if (bestFailure == null || rank(response.status()) < rank(bestFailure.status())) {
            if (bestFailure != null) {
                bestFailure.release();
            }
            bestFailure = (SipResponse) response.duplicate();
        }
        if (state != State.PROCEEDING || forks.stream().anyMatch(f -> !f.finished)) {
            return;
        }
        if (invite.pending()) {
            int status = bestFailure.status();
            if (status == 401 || status == 407) {
                respondToCaller(403, "Forbidden");
            } else {
                relayToCaller(bestFailure);
            }
        }
        end(CallOutcome.ofFailure(bestFailure.status()));
    }

    /**
     * Puts the body of {@code received}, as the media policy rewrites it, into {@code out}.
     *
     * @param towardCallee the direction the body travels
     * @return false when the policy refused the description
     */
    private boolean withMedia(SipMessage out, SipMessage received, boolean towardCallee) {
        ByteBuf body = received.content();
        if (!body.isReadable() || !isSessionDescription(received.contentType())) {
            return true;   // INFO digits, NOTIFY sipfrag...: not the media policy's business
        }
        try {
            ByteBuf rewritten = towardCallee ? plan.media().towardCallee(body) : plan.media().towardCaller(body);
            if (rewritten != null) {
                out.setContent(rewritten);
            }
            return true;
        } catch (MediaRefusedException e) {
            log.debug("call {}: media refused: {}", caller.callId, e.getMessage());
            return false;
        }
    }

    /** {@code application/sdp} (RFC 3264 section 5), parameters and case aside. */
    static boolean isSessionDescription(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        return (end < 0 ? contentType : contentType.substring(0, end)).trim().equalsIgnoreCase("application/sdp");
    }

    /** RFC 3261 section 16.7 step 6, simplified: 6xx first, then the lowest class. */
    private static int rank(int status) {
        return status >= 600 ? 0 : status / 100;
    }

    private boolean retryWithCredentials(Fork fork, SipResponse response) {
        int status = response.status();
        if (status != 401 && status != 407 || fork.authenticated || fork.target.credentials() == null
                || state != State.PROCEEDING || !invite.pending()) {
            return false;
        }
        DigestChallengeKind kind = DigestChallengeKind.ofStatus(status);
        String answer = fork.target.credentials().answer(response.headers(kind.challengeHeader()), SipMethods.INVITE,
                fork.target.requestUri());
        if (answer == null) {
            return false;
        }
        fork.authenticated = true;
        fork.cseq++;
        return fork.send(invite.request(), kind.credentialsHeader(), answer);
    }

    /** RFC 3261 section 13.2.2.4: an answer nobody wants any more is acknowledged, then hung up. */
    private void discard(Fork fork, SipResponse response) {
        NameAddress to = response.to();
        Dialog stray = new Dialog(this, fork.callId, calleeTag, calleeFrom, fork.target.destination(), fork.transport,
                fork.cseq);
        stray.confirm(response.header(HeaderName.TO), to == null ? null : to.tag(),
                remoteTarget(response.contacts(), fork.target.requestUri()));
        sendAck(stray, fork.cseq, null);
        stray.release();
        bye(stray, "call already answered elsewhere or ended");
    }

    // ---- the caller's side before the answer ----------------------------------------------

    /** The caller cancelled: the layer answered the CANCEL, this answers the INVITE 487. */
    void cancelled() {
        if (state != State.PROCEEDING) {
            return;
        }
        respondToCaller(487, "Request Terminated");
        cancelForks();
        end(CallOutcome.CANCELLED);
    }

    private void ringTimeout() {
        ringTimer = null;
        if (state != State.PROCEEDING) {
            return;
        }
        respondToCaller(480, "Temporarily Unavailable");
        cancelForks();
        end(CallOutcome.NO_ANSWER);
    }

    private void cancelForks() {
        for (Fork fork : forks) {
            fork.cancel();
        }
    }

    private void respondToCaller(int status, String reason) {
        respondToCaller(status, reason, null);
    }

    private void respondToCaller(int status, String reason, String header) {
        if (!invite.pending()) {
            return;
        }
        SipResponse response = SipErrorResponse.of(invite.request(), status, reason);
        if (header != null) {
            int colon = header.indexOf(':');
            response.addHeader(header.substring(0, colon), header.substring(colon + 1).trim());
        }
        try {
            invite.respond(response);
        } finally {
            response.release();
        }
    }

    // ---- requests inside the call -----------------------------------------------------------

    /** A request of {@code from}'s peer inside the call (not ACK, not CANCEL). */
    void request(Dialog from, ServerTransaction transaction, SipRequest request) {
        long cseq = request.cseq().number();
        if (cseq <= from.remoteCseq) {
            // RFC 3261 section 12.2.2: a lower CSeq than the last one is out of order.
            answer(transaction, 500, "Server Internal Error", "Retry-After: 1");
            return;
        }
        from.remoteCseq = cseq;
        String method = request.method();
        Dialog to = from.other();
        if (to == null) {
            if (SipMethods.BYE.equals(method) && from == caller) {
                // A BYE in the caller's early dialog ends the attempt like a CANCEL would.
                answer(transaction, 200, "OK", null);
                cancelled();
            } else {
                answer(transaction, 481, "Call/Transaction Does Not Exist", null);
            }
            return;
        }
        List<NameAddress> contacts = request.contacts();
        if (!contacts.isEmpty() && (SipMethods.INVITE.equals(method) || SipMethods.UPDATE.equals(method))) {
            from.remoteTarget = contacts.get(0).uri();   // a target refresh, RFC 3261 section 12.2.2
        }
        long outCseq = ++to.localCseq;
        SipRequest out = table.b2bua.messages.inDialog(request, to, outCseq, table.layer.newBranch());
        if (!withMedia(out, request, from == caller)) {
            out.release();
            --to.localCseq;
            answer(transaction, 488, "Not Acceptable Here", null);
            return;
        }
        boolean bye = SipMethods.BYE.equals(method);
        table.b2bua.metrics.relayedInDialog();
        table.layer.send(out, to.peer, to.transport, (t, response) -> inDialogResponse(from, to, transaction, outCseq,
                bye, response));
        if (bye) {
            end(CallOutcome.COMPLETED);
        }
    }

    private void inDialogResponse(Dialog from, Dialog to, ServerTransaction transaction, long outCseq, boolean bye,
                                  SipResponse response) {
        int status = response.status();
        if (status == 100) {
            return;
        }
        boolean invite = SipMethods.INVITE.equals(transaction.request().method());
        if (invite && status >= 200 && status < 300 && !transaction.pending()) {
            resendAck(to, response);   // a retransmitted 2xx of a re-INVITE
            return;
        }
        if (bye && status >= 300) {
            // The dialog ends whatever the other side says (RFC 3261 section 15.1.2).
            answer(transaction, 200, "OK", null);
            return;
        }
        SipResponse out = table.b2bua.messages.response(response, transaction.request(), from.localTag, from.transport);
        if (!withMedia(out, response, to == caller)) {
            out.setContent(Unpooled.EMPTY_BUFFER);
        }
        if (invite && status >= 200 && status < 300 && state != State.ENDED) {
            to.ackOwedFor = outCseq;
            transaction.respond(out);
            if (from.unacknowledged != null) {
                from.unacknowledged.stop();
            }
            from.unacknowledged = new PendingAnswer(from, out, transaction.request().cseq().number(),
                    table.layer.timers(), () -> hangUp("no ACK for the 2xx of a re-INVITE"));
            return;
        }
        try {
            transaction.respond(out);
        } finally {
            out.release();
        }
    }

    /** An ACK for a 2xx the gateway sent in dialog {@code from}. */
    void ack(Dialog from, SipRequest ack) {
        long cseq = ack.cseq().number();
        PendingAnswer pending = from.unacknowledged;
        if (pending == null || pending.cseq != cseq) {
            return;   // a retransmitted ACK, already relayed
        }
        pending.stop();
        from.unacknowledged = null;
        if (state == State.ANSWERED && from == caller) {
            state = State.CONFIRMED;
        }
        Dialog to = from.other();
        if (to != null && to.ackOwedFor >= 0) {
            sendAck(to, to.ackOwedFor, ack);
        }
    }

    /** Sends the ACK for the 2xx to INVITE {@code cseq} in {@code to}, with the body of {@code relayed} if any. */
    private void sendAck(Dialog to, long cseq, SipRequest relayed) {
        String branch = table.layer.newBranch();
        SipRequest ack = relayed == null ? table.b2bua.messages.originate(SipMethods.ACK, to, cseq, branch, "")
                : table.b2bua.messages.inDialog(relayed, to, cseq, branch);
        if (relayed != null && !withMedia(ack, relayed, to == callee)) {
            ack.setContent(Unpooled.EMPTY_BUFFER);
        }
        ByteBuf encoded;
        try {
            encoded = ack.encode(table.layer.allocator());
        } finally {
            ack.release();
        }
        if (to.lastAck != null) {
            to.lastAck.release();
        }
        to.lastAck = encoded;
        to.lastAckCseq = cseq;
        to.ackOwedFor = -1;
        to.transport.send(encoded.retainedDuplicate(), to.peer, SipTransport.TransportFailure.IGNORE);
    }

    /** RFC 3261 section 13.2.2.4: a retransmitted 2xx gets the same ACK again. */
    void resendAck(Dialog dialog, SipMessage response) {
        if (dialog.lastAck != null && dialog.lastAckCseq == response.cseq().number()) {
            dialog.transport.send(dialog.lastAck.retainedDuplicate(), dialog.peer, SipTransport.TransportFailure.IGNORE);
        }
    }

    private void answer(ServerTransaction transaction, int status, String reason, String header) {
        SipResponse response = SipErrorResponse.of(transaction.request(), status, reason);
        if (header != null) {
            int colon = header.indexOf(':');
            response.addHeader(header.substring(0, colon), header.substring(colon + 1).trim());
        }
        try {
            transaction.respond(response);
        } finally {
            response.release();
        }
    }

    // ---- the end ------------------------------------------------------------------------------

    /** The gateway ends an answered call: BYE on both legs with the reason (RFC 3326). */
    void hangUp(String reason) {
        if (state == State.ENDED) {
            return;
        }
        if (state == State.PROCEEDING) {
            respondToCaller(503, "Service Unavailable");
            cancelForks();
            end(CallOutcome.TERMINATED);
            return;
        }
        log.info("ending call {}: {}", caller.callId, reason);
        bye(caller, reason);
        bye(callee, reason);
        end(CallOutcome.TERMINATED);
    }

    private void bye(Dialog dialog, String reason) {
        String extra = "Reason: SIP;cause=200;text=\"" + reason + "\"\r\n";
        SipRequest bye = table.b2bua.messages.originate(SipMethods.BYE, dialog, ++dialog.localCseq,
                table.layer.newBranch(), extra);
        table.layer.send(bye, dialog.peer, dialog.transport, (t, r) -> { });
    }

    private void end(CallOutcome outcome) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        cancelRingTimer();
        if (durationTimer != null) {
            durationTimer.cancel(false);
        }
        table.remove(this);
        caller.release();
        if (callee != null) {
            callee.release();
        }
        if (bestFailure != null) {
            bestFailure.release();
            bestFailure = null;
        }
        if (offer != null) {
            offer.release();
            offer = null;
        }
        try {
            plan.media().close();
        } catch (RuntimeException e) {
            log.warn("closing the media of call {} failed: {}", caller.callId, e.toString());
        }
        table.b2bua.metrics.callEnded(outcome);
    }

    private void cancelRingTimer() {
        if (ringTimer != null) {
            ringTimer.cancel(false);
            ringTimer = null;
        }
    }
}
