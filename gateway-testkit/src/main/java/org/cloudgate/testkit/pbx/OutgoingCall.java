package org.cloudgate.testkit.pbx;

import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.ClientTransaction;
import org.cloudgate.sip.transaction.InviteClientTransaction;
import org.cloudgate.sip.transport.SipTransport;
import org.cloudgate.sip.uri.SipUri;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A call the PBX places to an extension's registered terminal (in the gateway, to the user's
 * softphones): an INVITE with an SDP offer on a new {@link RtpEcho}, sent to the terminal's
 * Contact. Tells the outcome, keeps every response, ACKs each 2xx (RFC 3261 section 13.2.2.4),
 * and can be cancelled while it rings or hung up once answered. Public methods may be called
 * from any thread.
 */
public final class OutgoingCall {

    private final PbxEndpoint endpoint;
    private final String extension;
    private final String callId;
    private final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
    private final List<RecordedMessage> responses = new CopyOnWriteArrayList<>();
    private final CompletableFuture<PbxCall> call = new CompletableFuture<>();
    private InviteClientTransaction transaction;
    private boolean cancelled;

    private OutgoingCall(PbxEndpoint endpoint, String extension) {
        this.endpoint = endpoint;
        this.extension = extension;
        this.callId = endpoint.newCallId();
    }

    /** A call to {@code extension} that ends at once with {@code status}: nothing was sent. */
    static OutgoingCall refused(PbxEndpoint endpoint, String extension, int status, String reason) {
        OutgoingCall call = new OutgoingCall(endpoint, extension);
        call.outcome.complete(new CallOutcome(status, reason));
        call.call.completeExceptionally(new IllegalStateException("call to " + extension + " not placed: "
                + status + " " + reason));
        return call;
    }

    /**
     * Sends the INVITE to {@code terminal}; on the PBX's loop.
     *
     * @param register called with the dialog once answered
     * @param forget   called when the dialog ends
     */
    static OutgoingCall place(PbxEndpoint endpoint, TerminalBinding terminal, String callerNumber, String callerName,
                              Consumer<PbxCall> register, Consumer<PbxCall> forget) {
        OutgoingCall placed = new OutgoingCall(endpoint, terminal.extension());
        placed.send(terminal, callerNumber, callerName, register, forget);
        return placed;
    }

    private void send(TerminalBinding terminal, String callerNumber, String callerName, Consumer<PbxCall> register,
                      Consumer<PbxCall> forget) {
        String requestUri = terminal.contact().uri();
        SipUri target = SipUri.parse(requestUri);
        SipTransport transport = endpoint.transportFor(target);
        RtpEcho echo = endpoint.openEcho();
        PbxSdp sdp = new PbxSdp(endpoint.host());
        String from = (callerName == null || callerName.isEmpty() ? "" : "\"" + callerName.replace("\"", "") + "\" ")
                + "<" + endpoint.uriOf(callerNumber) + ">;tag=" + PbxEndpoint.newTag();
        String to = "<" + endpoint.uriOf(extension) + ">";
        SipRequest invite = endpoint.request("INVITE", requestUri, transport, from, to, callId, 1,
                sdp.offer(echo.port()));
        ClientTransaction sent = endpoint.send(invite, PbxEndpoint.destinationOf(target), transport, (tx, response) -> {
            responses.add(RecordedMessage.of(RecordedMessage.Direction.RECEIVED, terminal.source(), response));
            int status = response.status();
            if (status < 200) {
                return;
            }
            if (status >= 300) {
                echo.close();
                outcome.complete(new CallOutcome(status, response.reasonPhrase()));
                call.completeExceptionally(new IllegalStateException("call to " + extension + " failed: " + status));
                return;
            }
            answered(response, from, echo, sdp, register, forget);
        });
        transaction = (InviteClientTransaction) sent;
    }

    /** A 2xx, first or resent: ACK it; the first makes the dialog, and a cancelled call is then hung up. */
    private void answered(SipResponse ok, String from, RtpEcho echo, PbxSdp sdp, Consumer<PbxCall> register,
                          Consumer<PbxCall> forget) {
        PbxCall dialog = call.getNow(null);
        if (dialog == null) {
            dialog = PbxCall.placed(endpoint, forget, callId, from, ok, 1, extension, sdp, echo);
            if (ok.content().isReadable()) {
                echo.sending(PbxSdp.sends(PbxSdp.directionOfAnswer(PbxCall.body(ok))));
            }
            register.accept(dialog);
        }
        SipUri target = SipUri.parse(dialog.remoteTarget());
        SipTransport transport = endpoint.transportFor(target);
        endpoint.sendAck(endpoint.request("ACK", dialog.remoteTarget(), transport, from, ok.header(HeaderName.TO),
                callId, 1, null), PbxEndpoint.destinationOf(target), transport);
        if (!call.isDone()) {
            outcome.complete(new CallOutcome(ok.status(), ok.reasonPhrase()));
            call.complete(dialog);
            if (cancelled) {
                // Section 9.1: the 2xx crossed the CANCEL; the call is ended with BYE instead.
                dialog.hangUp();
            }
        }
    }

    public String callId() {
        return callId;
    }

    public String extension() {
        return extension;
    }

    /** Completes with the final response's status and reason. */
    public CompletableFuture<CallOutcome> outcome() {
        return outcome;
    }

    /** Completes with the dialog once answered; fails when the call was not answered. */
    public CompletableFuture<PbxCall> call() {
        return call;
    }

    /** Every response received so far, provisional ones included, oldest first. */
    public List<RecordedMessage> responses() {
        return List.copyOf(responses);
    }

    /**
     * Cancels the ringing call (section 9.1): the CANCEL goes once a provisional response came.
     *
     * @return the status of the CANCEL's own final response (200, or 481 when the INVITE was already
     *         answered at the terminal); never completes when the INVITE got a final response first
     */
    public CompletableFuture<Integer> cancel() {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        endpoint.loop().execute(() -> {
            if (transaction == null || outcome.isDone()) {
                status.completeExceptionally(new IllegalStateException("call " + callId + " is not pending"));
                return;
            }
            cancelled = true;
            transaction.cancel((tx, response) -> {
                if (response.status() >= 200) {
                    status.complete(response.status());
                }
            });
        });
        return status;
    }

    /** Hangs up the answered call with BYE; see {@link PbxCall#hangUp()}. */
    public CompletableFuture<Integer> hangUp() {
        return call.thenCompose(PbxCall::hangUp);
    }
}
