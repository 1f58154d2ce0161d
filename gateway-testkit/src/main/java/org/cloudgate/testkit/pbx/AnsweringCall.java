package org.cloudgate.testkit.pbx;

import io.netty.util.concurrent.ScheduledFuture;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.ServerTransaction;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An INVITE to an extension or to the provider, from its arrival to its final response: rings
 * (180 with the dialog's tag), answers (200 with SDP, media on a new {@link RtpEcho}), refuses,
 * or gives up after its delay, as the extension's behaviour says; a CANCEL ends it with 487
 * (RFC 3261 section 9.2). On the PBX's event loop.
 */
final class AnsweringCall {

    private final PbxEndpoint endpoint;
    private final ServerTransaction invite;
    private final PbxCall call;
    private final Runnable onAnswered;
    private ScheduledFuture<?> timer;

    private AnsweringCall(PbxEndpoint endpoint, ServerTransaction invite, PbxCall call, Runnable onAnswered) {
        this.endpoint = endpoint;
        this.invite = invite;
        this.call = call;
        this.onAnswered = onAnswered;
    }

    /**
     * Starts on an INVITE for {@code number}; {@code null} when it was refused at once (BUSY),
     * otherwise the pending call, which a CANCEL can still end.
     *
     * @param register called with the call once it is answered, to make it known as a dialog
     * @param forget   called when the call ends
     */
    static AnsweringCall start(PbxEndpoint endpoint, ServerTransaction invite, String number,
                               ExtensionBehaviour behaviour, Duration delay, Consumer<PbxCall> register,
                               Consumer<PbxCall> forget) {
        SipRequest request = invite.request();
        if (behaviour == ExtensionBehaviour.BUSY) {
            endpoint.respond(invite, endpoint.response(request, invite.transport(), 486, "Busy Here",
                    request.header(HeaderName.TO) + ";tag=" + PbxEndpoint.newTag(), null));
            return null;
        }
        PbxCall call = PbxCall.answering(endpoint, forget, request, number, endpoint.openEcho());
        AnsweringCall answering = new AnsweringCall(endpoint, invite, call, () -> register.accept(call));
        switch (behaviour) {
            case ECHO -> answering.answer();
            case ANSWER, RING -> {
                answering.ring();
                answering.after(delay, answering::answer);
            }
            case NO_ANSWER -> {
                answering.ring();
                if (!delay.isZero()) {
                    answering.after(delay, () -> answering.fail(480, "Temporarily Unavailable"));
                }
            }
            default -> throw new IllegalStateException("unhandled behaviour " + behaviour);
        }
        return answering;
    }

    /** Whether the INVITE still waits for its final response. */
    boolean pending() {
        return invite.pending();
    }

    private void after(Duration delay, Runnable action) {
        timer = endpoint.loop().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void ring() {
        endpoint.respond(invite, endpoint.response(invite.request(), invite.transport(), 180, "Ringing",
                call.localHeader(), null));
    }

    /** 200 with the SDP answer (or an offer when the INVITE had none); 488 when no stream fits. */
    void answer() {
        if (!invite.pending()) {
            return;
        }
        SipRequest request = invite.request();
        String body = call.negotiate(invite, request, call.localHeader());
        if (body == null) {
            call.end(PbxCall.CLOSED);
            return;
        }
        SipResponse ok = endpoint.response(request, invite.transport(), 200, "OK", call.localHeader(), body);
        onAnswered.run();
        call.answer(invite, ok);
    }

    /** A final failure with the dialog's tag. */
    void fail(int status, String reason) {
        if (!invite.pending()) {
            return;
        }
        endpoint.respond(invite, endpoint.response(invite.request(), invite.transport(), status, reason,
                call.localHeader(), null));
        call.end(PbxCall.CLOSED);
    }

    /** A CANCEL matched the INVITE: 487 (section 9.2), and the call never happened. */
    void cancelled() {
        if (timer != null) {
            timer.cancel(false);
        }
        fail(487, "Request Terminated");
    }

    /** The PBX stops: a pending INVITE is turned down. */
    void close() {
        if (timer != null) {
            timer.cancel(false);
        }
        fail(503, "Service Unavailable");
    }
}
