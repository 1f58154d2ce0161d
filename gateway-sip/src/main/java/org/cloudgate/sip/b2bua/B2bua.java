package org.cloudgate.sip.b2bua;

import io.netty.channel.EventLoop;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SessionExpires;
import org.cloudgate.sip.message.SipMethods;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's back-to-back user agent. The transaction user hands it INVITEs that start a
 * call, requests inside a call, CANCEL, ACK and stray responses; the {@link CallRouter} decides
 * where each new call goes. Every call stays on the event loop its INVITE arrived on.
 */
public final class B2bua {

    private static final Logger log = LoggerFactory.getLogger(B2bua.class);

    final B2buaSettings settings;
    final CallRouter router;
    final CallMetrics metrics;
    final LegMessages messages;
    final DialogReplacement replacement = new DialogReplacement();
    private final Map<EventLoop, CallTable> tables = new IdentityHashMap<>();

    public B2bua(SipStack stack, B2buaSettings settings, CallRouter router, CallMetrics metrics) {
        this.settings = settings;
        this.router = router;
        this.metrics = metrics;
        this.messages = new LegMessages(settings.advertisedHost(), settings.sessionReplacement());
        for (LoopStack loop : stack.loops()) {
            tables.put(loop.layer().loop(), new CallTable(this, loop));
        }
    }

    String host() {
        return settings.advertisedHost();
    }

    private CallTable table(ServerTransaction transaction) {
        return tables.get(transaction.loop());
    }

    /** A request with a To tag belongs to a dialog; one without starts a call when it is an INVITE. */
    public static boolean inDialog(SipRequest request) {
        NameAddress to = request.to();
        return to != null && to.tag() != null;
    }

    /** An INVITE without To tag: a new call. Call on the transaction's loop. */
    public void invite(ServerTransaction transaction, SipRequest request) {
        if (request.maxForwards() == 0) {
            LegMessages.answer(transaction, 483, "Too Many Hops");
            metrics.callRefused();
            return;
        }
        if (request.require().contains(LegMessages.RELIABLE_PROVISIONAL)) {
            LegMessages.answer(transaction, 420, "Bad Extension", "Unsupported: " + LegMessages.RELIABLE_PROVISIONAL);
            metrics.callRefused();
            return;
        }
        if (!settings.sessionReplacement() && request.replaces() != null
                && request.require().contains(LegMessages.REPLACES)) {
            // RFC 3261 section 8.2.2.3 and RFC 3891 section 3: a required extension the gateway
            // does not support is refused with 420, naming it.
            LegMessages.answer(transaction, 420, "Bad Extension", "Unsupported: " + LegMessages.REPLACES);
            metrics.callRefused();
            return;
        }
        SessionRefresh refresh = settings.sessionRefresh();
        SessionExpires requested = request.sessionExpires();
        if (refresh.enabled() && requested != null && requested.deltaSeconds() < refresh.minimumSeconds()) {
            // RFC 4028 section 8.1: too small an interval is refused with the smallest one taken.
            LegMessages.answer(transaction, 422, "Session Interval Too Small", "Min-SE: " + refresh.minimumSeconds());
            metrics.callRefused();
            return;
        }
        CallPlan plan;
        try {
            plan = router.route(request, transaction.source(), transaction.transport());
        } catch (RuntimeException e) {
            log.warn("routing failed for a call from {}: {}", transaction.source(), e.toString());
            plan = CallPlan.Reject.of(500, "Server Internal Error");
        }
        if (plan instanceof CallPlan.Forward forward && request.replaces() != null) {
            plan = settings.sessionReplacement() ? replacing(forward, request) : withoutReplaces(forward);
        }
        if (plan instanceof CallPlan.Reject reject) {
            LegMessages.answer(transaction, reject.status(), reject.reason(), reject.headers().toArray(String[]::new));
            if (reject.status() != 401 && reject.status() != 407) {
                metrics.callRefused();   // a challenge is the first half of a call, not a refusal
            }
            return;
        }
        new Call(table(transaction), transaction, request, (CallPlan.Forward) plan).start(request);
    }

    /**
     * RFC 3891: an INVITE with Replaces, once the router accepted its sender, goes to the far end
     * of the call it replaces, naming that call's other dialog; an unknown dialog gets 481.
     */
    private CallPlan replacing(CallPlan.Forward forward, SipRequest request) {
        Dialog replaced = replacement.find(request.replaces());
        Dialog far = replaced == null ? null : replaced.other();
        if (far == null || far.remoteTag == null) {
            return CallPlan.Reject.of(481, "Call/Transaction Does Not Exist");
        }
        String value = DialogReplacement.value(far);
        CallPlan.Rewrite rewrite = out -> {
            forward.rewrite().apply(out);
            out.setHeader(HeaderName.REPLACES, value);
        };
        return new CallPlan.Forward("replaces",
                List.of(new CallTarget(far.remoteTarget, far.remoteTarget, far.peer, far.transport, null, null)),
                forward.caller(), rewrite, forward.media());
    }

    /**
     * Without session replacement, Replaces is an extension the gateway does not know (RFC 3261
     * section 8.2.2.3): the INVITE is a new call, and the header, which names a dialog of this
     * hop, does not go on.
     */
    private static CallPlan withoutReplaces(CallPlan.Forward forward) {
        CallPlan.Rewrite rewrite = out -> {
            forward.rewrite().apply(out);
            out.removeHeader(HeaderName.REPLACES);
        };
        return new CallPlan.Forward(forward.kind(), forward.targets(), forward.caller(), rewrite, forward.media());
    }

    /** A request with a To tag other than ACK and CANCEL: relayed to the other leg, or 481. */
    public void request(ServerTransaction transaction, SipRequest request) {
        CallTable table = table(transaction);
        Dialog dialog = table.dialog(request.to().tag(), request.callId());
        if (dialog == null) {
            metrics.unknownDialog();
            LegMessages.answer(transaction, 481, "Call/Transaction Does Not Exist");
            return;
        }
        dialog.call.request(dialog, transaction, request);
    }

    /**
     * The transaction layer answered a CANCEL for {@code invite}.
     *
     * @return false when the INVITE belongs to no ringing call
     */
    public boolean cancel(ServerTransaction invite) {
        Call call = table(invite).ringing(invite);
        if (call == null) {
            return false;
        }
        call.cancelled();
        return true;
    }

    /** An ACK for a 2xx, on the loop it was received on: confirms the dialog and travels on when the other leg waits for it. */
    public void ack(SipRequest ack) {
        CallTable table = current();
        NameAddress to = ack.to();
        Dialog dialog = table == null || to == null ? null : table.dialog(to.tag(), ack.callId());
        if (dialog != null) {
            dialog.call.ack(dialog, ack);
        }
    }

    /** A 2xx retransmitted after its transaction ended gets its ACK again. */
    public void strayResponse(SipResponse response) {
        CallTable table = current();
        NameAddress from = response.from();
        if (table == null || from == null || response.status() < 200 || response.status() >= 300
                || !SipMethods.INVITE.equals(response.cseq().method())) {
            return;
        }
        Dialog dialog = table.dialog(from.tag(), response.callId());
        if (dialog != null) {
            dialog.call.resendAck(dialog, response);
        }
    }

    /** The table of the loop running now, or {@code null} off the SIP loops. */
    private CallTable current() {
        for (Map.Entry<EventLoop, CallTable> entry : tables.entrySet()) {
            if (entry.getKey().inEventLoop()) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Calls carried now, on every loop. */
    public int activeCalls() {
        return metrics.active();
    }

    /** Ends every call: BYE on answered ones, 503 to those still ringing. */
    public CompletableFuture<Void> hangUpAll(String reason) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Map.Entry<EventLoop, CallTable> entry : tables.entrySet()) {
            CompletableFuture<Void> loopDone = new CompletableFuture<>();
            done.add(loopDone);
            entry.getKey().execute(() -> {
                for (Call call : entry.getValue().calls()) {
                    call.hangUp(reason);
                }
                loopDone.complete(null);
            });
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }
}
