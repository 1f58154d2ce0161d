package org.cloudgate.testkit.pbx;

import io.netty.util.concurrent.ScheduledFuture;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transport.SipTransport;
import org.cloudgate.sip.uri.SipUri;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One dialog of the simulated PBX (RFC 3261 section 12) and its media: a call an extension or the
 * provider answered, or one the PBX placed toward a terminal. Keeps the tags, both CSeq counters,
 * the remote target (refreshed by re-INVITE and UPDATE, section 12.2.2) and the RTP echo, and
 * answers what comes inside the dialog: ACK, BYE, re-INVITE and UPDATE (with an SDP answer that
 * mirrors the offered direction, so a hold with {@code sendonly} is answered {@code recvonly}),
 * INFO and OPTIONS. No route set: the PBX talks to the gateway directly.
 *
 * <p>State lives on the PBX's event loop; the public methods may be called from any thread.
 */
public final class PbxCall {

    /** Why a call ended, as {@link #ended()} tells it. */
    public static final String BYE_RECEIVED = "bye-received";
    public static final String BYE_SENT = "bye-sent";
    public static final String NO_ACK = "no-ack";
    public static final String CLOSED = "closed";

    private final PbxEndpoint endpoint;
    private final Consumer<PbxCall> onEnd;
    private final String callId;
    private final String localTag;
    private final String number;
    private final String localHeader;
    private final PbxSdp sdp;
    private final RtpEcho echo;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private String remoteHeader;
    private String remoteTarget;
    private long localCSeq;
    private long remoteCSeq = -1;
    private volatile boolean confirmed;
    /** A 2xx to an INVITE resent until its ACK (section 13.3.1.4), with its transaction and timer. */
    private SipResponse unacknowledged;
    private ServerTransaction unacknowledgedTransaction;
    private ScheduledFuture<?> retransmission;
    private long retransmitInterval;
    private long retransmitElapsed;

    private PbxCall(PbxEndpoint endpoint, Consumer<PbxCall> onEnd, String callId, String localTag, String number,
                    String localHeader, String remoteHeader, String remoteTarget, long localCSeq, PbxSdp sdp,
                    RtpEcho echo) {
        this.endpoint = endpoint;
        this.onEnd = onEnd;
        this.callId = callId;
        this.localTag = localTag;
        this.number = number;
        this.localHeader = localHeader;
        this.remoteHeader = remoteHeader;
        this.remoteTarget = remoteTarget;
        this.localCSeq = localCSeq;
        this.sdp = sdp;
        this.echo = echo;
    }

    /** The dialog an answered INVITE makes at the PBX as UAS (section 12.1.1). */
    static PbxCall answering(PbxEndpoint endpoint, Consumer<PbxCall> onEnd, SipRequest invite, String number,
                             RtpEcho echo) {
        String tag = PbxEndpoint.newTag();
        PbxCall call = new PbxCall(endpoint, onEnd, invite.callId(), tag, number,
                invite.header(HeaderName.TO) + ";tag=" + tag, invite.header(HeaderName.FROM), targetOf(invite),
                0, new PbxSdp(endpoint.host()), echo);
        call.remoteCSeq = invite.cseq().number();
        return call;
    }

    /**
     * The dialog a 2xx to the PBX's INVITE makes at the PBX as UAC (section 12.1.2).
     *
     * @param fromHeader the INVITE's From, with the PBX's tag
     * @param cseq       the INVITE's CSeq number, where the PBX's own count goes on
     */
    static PbxCall placed(PbxEndpoint endpoint, Consumer<PbxCall> onEnd, String callId, String fromHeader,
                          SipResponse ok, long cseq, String number, PbxSdp sdp, RtpEcho echo) {
        String tag = ok.from().tag();
        PbxCall call = new PbxCall(endpoint, onEnd, callId, tag, number, fromHeader, ok.header(HeaderName.TO),
                targetOf(ok), cseq, sdp, echo);
        call.confirmed = true;
        return call;
    }

    private static String targetOf(SipMessage message) {
        return message.contacts().isEmpty() ? message.from().uri() : message.contacts().get(0).uri();
    }

    /** The key the PBX finds this dialog by: Call-ID and the PBX's own tag. */
    static String key(String callId, String localTag) {
        return callId + '|' + localTag;
    }

    String key() {
        return key(callId, localTag);
    }

    String localHeader() {
        return localHeader;
    }

    PbxSdp sdp() {
        return sdp;
    }

    public String callId() {
        return callId;
    }

    /** The number called: an extension, a number routed to the provider, or the terminal's extension. */
    public String number() {
        return number;
    }

    /** The call's RTP echo; its port is in the PBX's SDP. */
    public RtpEcho echo() {
        return echo;
    }

    /** Whether the INVITE's 2xx was acknowledged. */
    public boolean confirmed() {
        return confirmed;
    }

    /** Completes with why the call ended: {@link #BYE_RECEIVED}, {@link #BYE_SENT}, {@link #NO_ACK} or {@link #CLOSED}. */
    public CompletableFuture<String> ended() {
        return ended;
    }

    /**
     * Hangs up with BYE (section 15.1.1).
     *
     * @return the status of the BYE's final response (408 when the peer never answered)
     */
    public CompletableFuture<Integer> hangUp() {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        endpoint.loop().execute(() -> {
            if (ended.isDone()) {
                status.completeExceptionally(new IllegalStateException("call " + callId + " already ended: "
                        + ended.join()));
                return;
            }
            sendBye(status);
            end(BYE_SENT);
        });
        return status;
    }

    private void sendBye(CompletableFuture<Integer> status) {
        SipUri target = SipUri.parse(remoteTarget);
        SipTransport transport = endpoint.transportFor(target);
        SipRequest bye = endpoint.request("BYE", remoteTarget, transport, localHeader, remoteHeader, callId,
                ++localCSeq, null);
        endpoint.send(bye, PbxEndpoint.destinationOf(target), transport, (transaction, response) -> {
            if (response.status() >= 200) {
                status.complete(response.status());
            }
        });
    }

    /** Sends the 2xx to an INVITE and resends it over UDP until the ACK (section 13.3.1.4). Takes {@code ok}. */
    void answer(ServerTransaction invite, SipResponse ok) {
        stopRetransmission();
        ok.retain();
        endpoint.respond(invite, ok);
        unacknowledged = ok;
        unacknowledgedTransaction = invite;
        if (!invite.transport().reliable()) {
            retransmitInterval = endpoint.timers().t1().toMillis();
            retransmitElapsed = 0;
            retransmission = endpoint.loop().schedule(this::retransmit, retransmitInterval, TimeUnit.MILLISECONDS);
        }
    }

    private void retransmit() {
        if (unacknowledged == null) {
            return;
        }
        retransmitElapsed += retransmitInterval;
        if (retransmitElapsed >= 64 * endpoint.timers().t1().toMillis()) {
            // Section 13.3.1.4: no ACK within 64*T1 ends the dialog with a BYE.
            stopRetransmission();
            sendBye(new CompletableFuture<>());
            end(NO_ACK);
            return;
        }
        endpoint.resend(unacknowledgedTransaction, unacknowledged);
        retransmitInterval = Math.min(2 * retransmitInterval, endpoint.timers().t2().toMillis());
        retransmission = endpoint.loop().schedule(this::retransmit, retransmitInterval, TimeUnit.MILLISECONDS);
    }

    private void stopRetransmission() {
        if (retransmission != null) {
            retransmission.cancel(false);
            retransmission = null;
        }
        if (unacknowledged != null) {
            unacknowledged.release();
            unacknowledged = null;
            unacknowledgedTransaction = null;
        }
    }

    /** The ACK of a 2xx: stops its retransmission; an answer in the ACK sets the media direction. */
    void acknowledged(SipRequest ack) {
        if (unacknowledged == null || ack.cseq().number() != unacknowledged.cseq().number()) {
            return;
        }
        stopRetransmission();
        confirmed = true;
        if (ack.content().isReadable()) {
            echo.sending(PbxSdp.sends(PbxSdp.directionOfAnswer(body(ack))));
        }
    }

    /** A request inside this dialog (section 12.2.2). */
    void onRequest(ServerTransaction transaction, SipRequest request) {
        long cseq = request.cseq().number();
        if (remoteCSeq >= 0 && cseq < remoteCSeq) {
            endpoint.respond(transaction, endpoint.response(request, transaction.transport(), 500,
                    "Out Of Order CSeq", request.header(HeaderName.TO), null));
            return;
        }
        remoteCSeq = cseq;
        String to = request.header(HeaderName.TO);
        switch (request.method()) {
            case "BYE" -> {
                endpoint.respond(transaction, endpoint.response(request, transaction.transport(), 200, "OK", to, null));
                stopRetransmission();
                end(BYE_RECEIVED);
            }
            case "INVITE" -> reinvite(transaction, request, to);
            case "UPDATE" -> update(transaction, request, to);
            case "INFO", "OPTIONS" ->
                    endpoint.respond(transaction, endpoint.response(request, transaction.transport(), 200, "OK", to,
                            null));
            default -> {
                SipResponse response = endpoint.response(request, transaction.transport(), 405, "Method Not Allowed",
                        to, null);
                response.addHeader("Allow", PbxUserAgent.ALLOW);
                endpoint.respond(transaction, response);
            }
        }
    }

    /** Section 14.2: a re-INVITE while the last 2xx waits for its ACK gets 500 with Retry-After. */
    private void reinvite(ServerTransaction transaction, SipRequest request, String to) {
        if (unacknowledged != null) {
            SipResponse busy = endpoint.response(request, transaction.transport(), 500, "Server Internal Error", to,
                    null);
            busy.addHeader("Retry-After", "1");
            endpoint.respond(transaction, busy);
            return;
        }
        String body = negotiate(transaction, request, to);
        if (body == null) {
            return;
        }
        refreshTarget(request);
        answer(transaction, endpoint.response(request, transaction.transport(), 200, "OK", to, body));
    }

    private void update(ServerTransaction transaction, SipRequest request, String to) {
        String body = request.content().isReadable() ? negotiate(transaction, request, to) : "";
        if (body == null) {
            return;
        }
        refreshTarget(request);
        endpoint.respond(transaction, endpoint.response(request, transaction.transport(), 200, "OK", to,
                body.isEmpty() ? null : body));
    }

    /**
     * The SDP of the PBX's 2xx: the answer to the request's offer, or a new offer when it carried
     * none (RFC 3264 section 4, the answer then comes in the ACK). {@code null} after answering 488.
     */
    String negotiate(ServerTransaction transaction, SipRequest request, String to) {
        if (!request.content().isReadable()) {
            return sdp.offer(echo.port());
        }
        PbxSdp.Answer answer = sdp.answer(body(request), echo.port());
        if (answer == null) {
            endpoint.respond(transaction, endpoint.response(request, transaction.transport(), 488,
                    "Not Acceptable Here", to, null));
            return null;
        }
        echo.sending(answer.pbxSends());
        return answer.body();
    }

    private void refreshTarget(SipRequest request) {
        if (!request.contacts().isEmpty()) {
            remoteTarget = request.contacts().get(0).uri();
        }
    }

    String remoteTarget() {
        return remoteTarget;
    }

    static String body(SipMessage message) {
        return message.content().toString(StandardCharsets.UTF_8);
    }

    /** Ends the call here: stops resending, closes the echo, forgets the dialog. On the loop. */
    void end(String why) {
        if (ended.isDone()) {
            return;
        }
        stopRetransmission();
        echo.close();
        onEnd.accept(this);
        ended.complete(why);
    }
}
