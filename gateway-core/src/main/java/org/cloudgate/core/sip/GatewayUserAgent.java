package org.cloudgate.core.sip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.core.lifecycle.HeapPressure;
import org.cloudgate.core.lifecycle.RetransmissionPressure;
import org.cloudgate.core.lifecycle.ServiceState;
import org.cloudgate.sip.b2bua.B2bua;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.registration.Registrar;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TransactionUser;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;

/**
 * The gateway's answer to SIP requests, above the transaction layer. It answers OPTIONS
 * (keep-alive probes from the PBX and clients), hands REGISTER to the registrar, INVITEs and
 * everything inside a call to the B2BUA, and refuses other methods outside a dialog with 405 and
 * the methods it allows. While the operator has switched the service off, or while the daemon
 * drains, every new request gets 503 with Retry-After (RFC 3261 section 21.5.4); requests inside
 * calls already up still go through. While the heap is under pressure ({@link HeapPressure}) new
 * calls get 503 without Retry-After (a caller may try another route at once; RFC 3261 section
 * 21.5.4 has a client treat it as a 500 for this request only), and so does a share of them while
 * callers retransmit their INVITEs because the gateway answers late ({@link RetransmissionPressure}).
 */
public final class GatewayUserAgent implements TransactionUser {

    /** The methods this user agent accepts (RFC 3261 section 20.5). */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, REFER, NOTIFY";
    private static final Set<String> COUNTED_METHODS = Set.of("INVITE", "REGISTER", "OPTIONS", "BYE", "CANCEL",
            "SUBSCRIBE", "NOTIFY", "REFER", "INFO", "UPDATE", "MESSAGE", "PRACK");
    private static final String RETRY_AFTER_SECONDS = "30";

    private final ServiceState service;
    private final HeapPressure heap;
    private final RetransmissionPressure retransmissions;
    private final Counter rejectedForHeap;
    private final Counter rejectedForRetransmissions;
    private final MeterRegistry registry;
    private volatile boolean draining;
    private volatile Registrar registrar;
    private volatile B2bua b2bua;

    public GatewayUserAgent(ServiceState service, HeapPressure heap, RetransmissionPressure retransmissions,
                            MeterRegistry registry) {
        this.service = service;
        this.heap = heap;
        this.retransmissions = retransmissions;
        this.registry = registry;
        this.rejectedForHeap = overloadRejected(registry, "heap");
        this.rejectedForRetransmissions = overloadRejected(registry, "retransmissions");
    }

    private static Counter overloadRejected(MeterRegistry registry, String cause) {
        return Counter.builder("cloudgate.overload.rejected")
                .description("New calls refused with 503 because the gateway is overloaded, by the sign it saw:"
                        + " heap (full after full collections), retransmissions (callers retransmit their INVITEs)")
                .tag("cause", cause)
                .register(registry);
    }

    /** REGISTER requests go to {@code registrar}, calls to {@code b2bua} from now on. */
    void serve(Registrar registrar, B2bua b2bua) {
        this.registrar = registrar;
        this.b2bua = b2bua;
    }

    /** From now on new requests are refused with 503, as during a shutdown. */
    void drain() {
        draining = true;
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        String method = request.method();
        B2bua calls = b2bua;
        if (calls != null && B2bua.inDialog(request)) {
            calls.request(transaction, request);
        } else if (draining || !service.enabled()) {
            SipResponse response = SipErrorResponse.of(request, 503, "Service Unavailable");
            response.addHeader("Retry-After", RETRY_AFTER_SECONDS);
            send(transaction, method, response);
        } else if ("INVITE".equals(method) && calls != null) {
            boolean late = retransmissions.refuse();   // every new INVITE counts, refused or not
            Counter overloaded = heap.high() ? rejectedForHeap : late ? rejectedForRetransmissions : null;
            if (overloaded != null) {
                overloaded.increment();
                send(transaction, method, SipErrorResponse.of(request, 503, "Service Unavailable"));
            } else {
                calls.invite(transaction, request);
            }
        } else if ("REGISTER".equals(method) && registrar != null) {
            registrar.register(transaction, request);
        } else if ("OPTIONS".equals(method)) {
            SipResponse response = SipErrorResponse.of(request, 200, "OK");
            response.addHeader("Allow", ALLOW);
            response.addHeader("Accept", "application/sdp");
            send(transaction, method, response);
        } else {
            SipResponse response = SipErrorResponse.of(request, 405, "Method Not Allowed");
            response.addHeader("Allow", ALLOW);
            send(transaction, method, response);
        }
    }

    @Override
    public void onRetransmission(SipRequest request) {
        if ("INVITE".equals(request.method())) {
            retransmissions.retransmission();
        }
    }

    private void send(ServerTransaction transaction, String method, SipResponse response) {
        try {
            transaction.respond(response);
            answered(method, response.status()).increment();
        } finally {
            response.release();
        }
    }

    private Counter answered(String method, int status) {
        return Counter.builder("cloudgate.sip.requests.answered")
                .description("SIP requests the gateway answered, by method and response class")
                .tag("method", COUNTED_METHODS.contains(method) ? method.toLowerCase(Locale.ROOT) : "other")
                .tag("class", (status / 100) + "xx")
                .register(registry);
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        B2bua calls = b2bua;
        if (calls != null && calls.cancel(invite)) {
            return;
        }
        SipResponse response = SipErrorResponse.of(invite.request(), 487, "Request Terminated");
        send(invite, "INVITE", response);
    }

    @Override
    public void onAck(SipRequest ack, InetSocketAddress source) {
        B2bua calls = b2bua;
        if (calls != null) {
            calls.ack(ack);
        }
    }

    @Override
    public void onStrayResponse(SipResponse response, InetSocketAddress source) {
        B2bua calls = b2bua;
        if (calls != null) {
            calls.strayResponse(response);
        }
    }
}
