package org.cloudgate.sip.b2bua;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.cloudgate.sip.auth.DigestChallengeKind;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipMethods;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SessionExpires;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.DialogTag;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TimerWheel;
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
    /** Whether the caller takes part in session timers (RFC 4028): it then refreshes its leg. */
    private final boolean callerRefreshes;
    /** The session interval of the caller's leg, when the gateway runs session timers. */
    private final long callerInterval;
    private final List<Fork> forks = new ArrayList<>(1);
    State state = State.PROCEEDING;
    private SipResponse bestFailure;
    /** The caller's offer as the callee side gets it, when the media policy rewrote it. */
    ByteBuf offer;
    private TimerWheel.Timer ringTimer;
    private TimerWheel.Timer durationTimer;

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
        SessionRefresh refresh = table.b2bua.settings.sessionRefresh();
        SessionExpires requested = request.sessionExpires();
        this.callerRefreshes = request.supported().contains(LegMessages.SESSION_TIMER)
                || request.require().contains(LegMessages.SESSION_TIMER);
        this.callerInterval = requested != null ? Math.max(requested.deltaSeconds(), refresh.minimumSeconds())
                : refresh.intervalSeconds();
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
        ringTimer = table.layer.wheel().schedule(this::ringTimeout, table.b2bua.settings.ringTimeout().toMillis(),
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
        durationTimer = table.layer.wheel().schedule(() -> hangUp("maximum call duration reached"),
                table.b2bua.settings.maxDuration().toMillis(), TimeUnit.MILLISECONDS);
        if (lateOffer) {
            callee.ackOwedFor = fork.cseq;
        } else {
            sendAck(callee, fork.cseq, null);
        }
        SipResponse out = table.b2bua.messages.response(response, invite.request(), caller.localTag, caller.transport);
        if (fork.sessionInterval > 0) {
            startSessionTimers(fork, response, out);
        }
        if (!withMedia(out, response, false)) {
            out.release();
            respondToCaller(488, "Not Acceptable Here");
            bye(callee, "the answer's media cannot be carried");
            end(CallOutcome.FAILED);
            return;
        }
        long cseq = invite.request().cseq().number();
        invite.respond(out);
        caller.unacknowledged = new PendingAnswer(caller, out, cseq, table.layer.timers(),
                () -> hangUp("no ACK for the 2xx"));
    }

    /**
     * RFC 4028 sections 7.2 and 9: the callee's 2xx says who refreshes the callee's leg (the
     * gateway unless it says {@code refresher=uas}); the caller's leg is refreshed by the caller
     * when it supports the extension, by the gateway otherwise, and the 2xx toward the caller
     * says so.
     */
    private void startSessionTimers(Fork fork, SipResponse response, SipResponse toCaller) {
        SessionExpires answered = response.sessionExpires();
        long calleeInterval = answered != null ? answered.deltaSeconds() : fork.sessionInterval;
        boolean gatewayRefreshesCallee = answered == null || !"uas".equals(answered.refresher());
        callee.session = new SessionTimer(callee, calleeInterval, gatewayRefreshesCallee);
        caller.session = new SessionTimer(caller, callerInterval, !callerRefreshes);
        toCaller.setHeader(HeaderName.SESSION_EXPIRES, caller.session.sessionExpires(false));
        if (callerRefreshes) {
            toCaller.setHeader(HeaderName.REQUIRE, LegMessages.SESSION_TIMER);
        } else if (response.contains(HeaderName.REQUIRE)) {
            toCaller.removeHeader(HeaderName.REQUIRE);
        }
        callee.session.restart();
        caller.session.restart();
    }

    /** The gateway refreshes {@code dialog} (RFC 4028 section 10) with an UPDATE without a body. */
    void refresh(Dialog dialog) {
        if (state == State.ENDED || dialog.session == null) {
            return;
        }
        String extra = "Session-Expires: " + dialog.session.sessionExpires(true) + "\r\n"
                + "Min-SE: " + table.b2bua.settings.sessionRefresh().minimumSeconds() + "\r\n"
                + "Supported: " + LegMessages.SESSION_TIMER + "\r\n"
                + "Contact: " + table.b2bua.messages.contact(dialog.transport) + "\r\n";
        SipRequest update = table.b2bua.messages.originate(SipMethods.UPDATE, dialog, ++dialog.localCseq,
                table.layer.newBranch(), extra);
        table.layer.send(update, dialog.peer, dialog.transport, (t, response) -> {
            int status = response.status();
            if (status < 200 || state == State.ENDED) {
                return;
            }
            if (status < 300) {
                SessionExpires confirmed = response.sessionExpires();
                if (confirmed != null) {
                    dialog.session.intervalSeconds = confirmed.deltaSeconds();
                }
                dialog.session.restart();
            } else {
                hangUp("session refresh failed with " + status);
            }
        });
    }

    private void failed(Fork fork, SipResponse response) {
        if (fork.finished) {
            return;
        }
        if (retryWithCredentials(fork, response) || retryWithLongerInterval(fork, response)) {
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

    /** RFC 4028 section 7.4: a 422 names the smallest interval the callee takes; ask again once with it. */
    private boolean retryWithLongerInterval(Fork fork, SipResponse response) {
        long minimum = response.minSessionExpires();
        if (response.status() != 422 || fork.sessionInterval == 0 || fork.intervalRaised || minimum <= fork.sessionInterval
                || state != State.PROCEEDING || !invite.pending()) {
            return false;
        }
        fork.intervalRaised = true;
        fork.sessionInterval = minimum;
        fork.cseq++;
        return fork.send(invite.request(), null, null);
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

    private void respondToCaller(int status, String reason, String... headers) {
        if (invite.pending()) {
            LegMessages.answer(invite, status, reason, headers);
        }
    }

    // ---- requests inside the call -----------------------------------------------------------

    /** A request of {@code from}'s peer inside the call (not ACK, not CANCEL). */
    void request(Dialog from, ServerTransaction transaction, SipRequest request) {
        long cseq = request.cseq().number();
        if (cseq <= from.remoteCseq) {
            // RFC 3261 section 12.2.2: a lower CSeq than the last one is out of order.
            LegMessages.answer(transaction, 500, "Server Internal Error", "Retry-After: 1");
            return;
        }
        from.remoteCseq = cseq;
        String method = request.method();
        Dialog to = from.other();
        if (to == null) {
            if (SipMethods.BYE.equals(method) && from == caller) {
                // A BYE in the caller's early dialog ends the attempt like a CANCEL would.
                LegMessages.answer(transaction, 200, "OK");
                cancelled();
            } else {
                LegMessages.answer(transaction, 481, "Call/Transaction Does Not Exist");
            }
            return;
        }
        List<NameAddress> contacts = request.contacts();
        boolean targetRefresh = SipMethods.INVITE.equals(method) || SipMethods.UPDATE.equals(method);
        if (!contacts.isEmpty() && targetRefresh) {
            from.remoteTarget = contacts.get(0).uri();   // a target refresh, RFC 3261 section 12.2.2
        }
        if (targetRefresh && from.session != null) {
            from.session.restart();   // a session refresh of this leg (RFC 4028 section 10)
            if (SipMethods.UPDATE.equals(method) && !request.content().isReadable()) {
                answerRefresh(from, transaction, request);
                return;
            }
        }
        String referTo = null;
        if (SipMethods.REFER.equals(method) && table.b2bua.settings.sessionReplacement() && request.referTo() != null) {
            // RFC 3891 section 7.1: an attended transfer names the consulted dialog by its ids on
            // this side; the far end knows it by the other leg's.
            String uri = request.referTo().uri();
            referTo = table.b2bua.replacement.referTo(uri);
            if (referTo == null) {
                LegMessages.answer(transaction, 481, "Call/Transaction Does Not Exist");
                return;
            }
            referTo = referTo.equals(uri) ? null : referTo;
        }
        long outCseq = ++to.localCseq;
        SipRequest out = table.b2bua.messages.inDialog(request, to, outCseq, table.layer.newBranch());
        if (referTo != null) {
            out.setHeader(HeaderName.REFER_TO, '<' + referTo + '>');
        }
        if (!withMedia(out, request, from == caller)) {
            out.release();
            --to.localCseq;
            LegMessages.answer(transaction, 488, "Not Acceptable Here");
            return;
        }
        boolean bye = SipMethods.BYE.equals(method);
        table.b2bua.metrics.relayedInDialog();
        boolean reinvite = SipMethods.INVITE.equals(method);
        table.layer.send(out, to.peer, to.transport, (t, response) -> inDialogResponse(from, to, transaction, outCseq,
                reinvite, bye, response));
        if (bye) {
            end(CallOutcome.COMPLETED);
        }
    }

    private void inDialogResponse(Dialog from, Dialog to, ServerTransaction transaction, long outCseq, boolean invite,
                                  boolean bye, SipResponse response) {
        int status = response.status();
        if (status == 100) {
            return;
        }
        if (!transaction.pending()) {
            if (invite && status >= 200 && status < 300) {
                resendAck(to, response);   // a retransmitted 2xx of a re-INVITE
            }
            return;
        }
        if (bye && status >= 300) {
            // The dialog ends whatever the other side says (RFC 3261 section 15.1.2).
            LegMessages.answer(transaction, 200, "OK");
            return;
        }
        SipResponse out = table.b2bua.messages.response(response, transaction.request(), from.localTag, from.transport);
        if (!withMedia(out, response, to == caller)) {
            out.setContent(Unpooled.EMPTY_BUFFER);
        }
        if (invite && status >= 200 && status < 300 && state != State.ENDED) {
            to.ackOwedFor = outCseq;
            long cseq = transaction.request().cseq().number();
            transaction.respond(out);
            if (from.unacknowledged != null) {
                from.unacknowledged.stop();
            }
            from.unacknowledged = new PendingAnswer(from, out, cseq, table.layer.timers(),
                    () -> hangUp("no ACK for the 2xx of a re-INVITE"));
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
        ByteBuf encoded = relayed == null
                ? table.b2bua.messages.originateEncoded(SipMethods.ACK, to, cseq, branch, table.layer.allocator())
                : relayedAck(to, cseq, relayed, branch);
        if (to.lastAck != null) {
            to.lastAck.release();
        }
        to.lastAck = encoded;
        to.lastAckCseq = cseq;
        to.ackOwedFor = -1;
        to.transport.send(encoded.retainedDuplicate(), to.peer, SipTransport.TransportFailure.IGNORE);
    }

    /** The caller's ACK (with the answer, when it carries one) written for dialog {@code to}. */
    private ByteBuf relayedAck(Dialog to, long cseq, SipRequest relayed, String branch) {
        SipRequest ack = table.b2bua.messages.inDialog(relayed, to, cseq, branch);
        try {
            if (!withMedia(ack, relayed, to == callee)) {
                ack.setContent(Unpooled.EMPTY_BUFFER);
            }
            return to.transport.encode(ack, table.layer.allocator());
        } finally {
            ack.release();
        }
    }

    /** RFC 3261 section 13.2.2.4: a retransmitted 2xx gets the same ACK again. */
    void resendAck(Dialog dialog, SipMessage response) {
        if (dialog.lastAck != null && dialog.lastAckCseq == response.cseq().number()) {
            dialog.transport.send(dialog.lastAck.retainedDuplicate(), dialog.peer, SipTransport.TransportFailure.IGNORE);
        }
    }

    /** An UPDATE without a body only refreshes its leg's session: the gateway answers it itself. */
    private void answerRefresh(Dialog from, ServerTransaction transaction, SipRequest update) {
        SessionExpires requested = update.sessionExpires();
        long minimum = table.b2bua.settings.sessionRefresh().minimumSeconds();
        if (requested != null && requested.deltaSeconds() < minimum) {
            LegMessages.answer(transaction, 422, "Session Interval Too Small", "Min-SE: " + minimum);
            return;
        }
        if (requested != null) {
            from.session.intervalSeconds = requested.deltaSeconds();
            from.session.gatewayRefreshes = "uas".equals(requested.refresher());
            from.session.restart();
        }
        SipResponse response = SipErrorResponse.of(update, 200, "OK");
        response.addHeader(HeaderName.SESSION_EXPIRES, from.session.sessionExpires(false));
        response.addHeader(HeaderName.CONTACT, table.b2bua.messages.contact(from.transport));
        if (update.supported().contains(LegMessages.SESSION_TIMER)) {
            response.addHeader(HeaderName.REQUIRE, LegMessages.SESSION_TIMER);
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
            durationTimer.cancel();
        }
        table.remove(this);
        // The INVITE transactions linger for 64*T1 (RFC 6026); they must not keep the call alive.
        for (Fork fork : forks) {
            if (fork.transaction != null) {
                fork.transaction.detach();
            }
        }
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
            ringTimer.cancel();
            ringTimer = null;
        }
    }
}
