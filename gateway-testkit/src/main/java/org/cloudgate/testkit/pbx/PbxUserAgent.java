package org.cloudgate.testkit.pbx;

import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TransactionUser;
import org.cloudgate.sip.uri.SipUri;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated PBX above its transaction layer: REGISTER goes to the {@link TerminalRegistrar},
 * OPTIONS outside a dialog is answered 200, an INVITE outside a dialog goes to the extension it
 * names or, through the outgoing route, to the {@link ProviderTrunk}; requests inside a dialog go
 * to their {@link PbxCall}. Everything it receives is recorded first. On the PBX's event loop.
 */
final class PbxUserAgent implements TransactionUser {

    /** The methods the PBX accepts (RFC 3261 section 20.5). */
    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, INFO, REGISTER";

    private final PbxDescription description;
    private final ProviderTrunk trunk;
    private final Refusals refusals;
    private final Map<String, PbxCall> dialogs = new ConcurrentHashMap<>();
    private final Map<ServerTransaction, AnsweringCall> ringing = new HashMap<>();
    private volatile PbxEndpoint endpoint;
    private volatile TerminalRegistrar registrar;

    PbxUserAgent(PbxDescription description, ProviderTrunk trunk, Refusals refusals) {
        this.description = description;
        this.trunk = trunk;
        this.refusals = refusals;
    }

    /** Called once the listeners are bound: requests before that get 503. */
    void attach(PbxEndpoint pbx, TerminalRegistrar terminals) {
        this.endpoint = pbx;
        this.registrar = terminals;
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        PbxEndpoint pbx = endpoint;
        if (pbx == null) {
            SipResponse response = refusals.response(request, 503, "Service Unavailable", "starting");
            try {
                transaction.respond(response);
            } finally {
                response.release();
            }
            return;
        }
        RecordedMessage recorded = pbx.received(transaction.source(), request);
        NameAddress to = request.to();
        String toTag = to == null ? null : to.tag();
        String method = request.method();
        if (toTag != null) {
            PbxCall call = dialogs.get(PbxCall.key(request.callId(), toTag));
            if (call == null) {
                // Section 12.2.2: a request for a dialog the PBX does not know.
                pbx.respond(transaction, refusals.response(request, 481, "Call/Transaction Does Not Exist",
                        "no-dialog"));
            } else {
                call.onRequest(transaction, request);
            }
            return;
        }
        switch (method) {
            case "REGISTER" -> pbx.respond(transaction, registrar.register(transaction, request));
            case "OPTIONS" -> {
                SipResponse response = pbx.response(request, transaction.transport(), 200, "OK",
                        request.header("To") + ";tag=" + PbxEndpoint.newTag(), null);
                response.addHeader("Allow", ALLOW);
                response.addHeader("Accept", "application/sdp");
                pbx.respond(transaction, response);
            }
            case "INVITE" -> invite(pbx, transaction, request, recorded);
            case "BYE", "UPDATE", "INFO" -> pbx.respond(transaction, refusals.response(request, 481,
                    "Call/Transaction Does Not Exist", "no-dialog"));
            default -> {
                SipResponse response = refusals.response(request, 405, "Method Not Allowed", "method");
                response.addHeader("Allow", ALLOW);
                pbx.respond(transaction, response);
            }
        }
    }

    /** A new call: to an extension by its number, to the provider by the route prefix, else 404. */
    private void invite(PbxEndpoint pbx, ServerTransaction transaction, SipRequest request, RecordedMessage recorded) {
        ringing.values().removeIf(pending -> !pending.pending());
        SipUri uri = SipUri.parse(request.requestUri());
        String number = uri == null ? "" : uri.userName();
        Extension extension = description.extension(number);
        AnsweringCall call;
        if (extension != null) {
            call = AnsweringCall.start(pbx, transaction, number, extension.behaviour(), extension.delay(),
                    this::register, this::forget);
        } else if (!number.isEmpty() && trunk.route().routes(number)) {
            trunk.record(TrunkCall.of(request, number, recorded));
            call = trunk.route().answerStatus() == 200
                    ? AnsweringCall.start(pbx, transaction, number, ExtensionBehaviour.ECHO, Duration.ZERO,
                            this::register, this::forget)
                    : refuseOnTrunk(pbx, transaction, request);
        } else {
            pbx.respond(transaction, refusals.response(request, 404, "Not Found", "unknown-number"));
            call = null;
        }
        if (call != null && call.pending()) {
            ringing.put(transaction, call);
        }
    }

    private AnsweringCall refuseOnTrunk(PbxEndpoint pbx, ServerTransaction transaction, SipRequest request) {
        int status = trunk.route().answerStatus();
        pbx.respond(transaction, refusals.response(request, status, status == 486 ? "Busy Here" : "Provider Refused",
                "trunk-refused"));
        return null;
    }

    void register(PbxCall call) {
        dialogs.put(call.key(), call);
    }

    void forget(PbxCall call) {
        dialogs.remove(call.key(), call);
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        PbxEndpoint pbx = endpoint;
        if (pbx != null) {
            pbx.received(invite.source(), cancel);
        }
        AnsweringCall call = ringing.remove(invite);
        if (call != null) {
            call.cancelled();
        }
    }

    @Override
    public void onAck(SipRequest ack, InetSocketAddress source) {
        PbxEndpoint pbx = endpoint;
        if (pbx == null) {
            return;
        }
        pbx.received(source, ack);
        NameAddress to = ack.to();
        PbxCall call = to == null || to.tag() == null ? null : dialogs.get(PbxCall.key(ack.callId(), to.tag()));
        if (call != null) {
            call.acknowledged(ack);
        }
    }

    @Override
    public void onStrayResponse(SipResponse response, InetSocketAddress source) {
        PbxEndpoint pbx = endpoint;
        if (pbx != null) {
            pbx.received(source, response);
        }
    }

    @Override
    public void onAckTimeout(ServerTransaction invite) {
        ringing.remove(invite);
    }

    /** The dialogs the PBX is in. Any thread. */
    List<PbxCall> calls() {
        return List.copyOf(dialogs.values());
    }

    /** Every pending INVITE is turned down and every call ended. On the loop. */
    void close() {
        for (AnsweringCall call : List.copyOf(ringing.values())) {
            call.close();
        }
        ringing.clear();
        for (PbxCall call : List.copyOf(dialogs.values())) {
            call.end(PbxCall.CLOSED);
        }
    }
}
