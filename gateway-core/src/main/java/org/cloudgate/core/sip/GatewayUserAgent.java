package org.cloudgate.core.sip;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.core.lifecycle.ServiceState;
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
 * (keep-alive probes from the PBX and clients), hands REGISTER to the registrar, and refuses
 * what it cannot carry yet with 405 and the methods it allows; while the operator has switched
 * the service off, or while the daemon drains, every request gets 503 with Retry-After
 * (RFC 3261 section 21.5.4).
 */
public final class GatewayUserAgent implements TransactionUser {

    /** The methods this user agent accepts (RFC 3261 section 20.5). */
    static final String ALLOW = "OPTIONS, REGISTER";
    private static final Set<String> COUNTED_METHODS = Set.of("INVITE", "REGISTER", "OPTIONS", "BYE", "CANCEL",
            "SUBSCRIBE", "NOTIFY", "REFER", "INFO", "UPDATE", "MESSAGE", "PRACK");
    private static final String RETRY_AFTER_SECONDS = "30";

    private final ServiceState service;
    private final MeterRegistry registry;
    private volatile boolean draining;
    private volatile Registrar registrar;

    public GatewayUserAgent(ServiceState service, MeterRegistry registry) {
        this.service = service;
        this.registry = registry;
    }

    /** REGISTER requests go to {@code registrar} from now on. */
    void serve(Registrar registrar) {
        this.registrar = registrar;
    }

    /** From now on new requests are refused with 503, as during a shutdown. */
    void drain() {
        draining = true;
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        String method = request.method();
        if (draining || !service.enabled()) {
            SipResponse response = SipErrorResponse.of(request, 503, "Service Unavailable");
            response.addHeader("Retry-After", RETRY_AFTER_SECONDS);
            send(transaction, method, response);
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
        SipResponse response = SipErrorResponse.of(invite.request(), 487, "Request Terminated");
        send(invite, "INVITE", response);
    }

    @Override
    public void onAck(SipRequest ack, InetSocketAddress source) {
        // No dialog is ever established yet, so an ACK for a 2xx has nothing to confirm.
    }
}
