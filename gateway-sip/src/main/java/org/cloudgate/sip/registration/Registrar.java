package org.cloudgate.sip.registration;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.cloudgate.sip.auth.DigestAuthenticator;
import org.cloudgate.sip.auth.DigestChallengeKind;
import org.cloudgate.sip.auth.DigestFailure;
import org.cloudgate.sip.auth.DigestVerdict;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.registration.RegistrarMetrics.Result;
import org.cloudgate.sip.registration.RequestedContacts.Requested;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.uri.SipUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar clients register with (RFC 3261 section 10.3): authenticates each REGISTER by
 * digest (401 with a challenge first), lets a user register only its own address-of-record
 * (403), applies Contact, {@code expires} and Expires with the minimum (423) and maximum, keeps
 * the Call-ID/CSeq order per binding (step 7), allows several clients per user, and answers 200
 * with every current binding and its remaining time.
 *
 * <p>Each binding remembers the source address and transport of its REGISTER: requests to the
 * client follow that flow, which crosses NAT, rather than the Contact host. Bindings expire on a
 * timer of the registrar's event loop, one scheduled task per binding, no thread.
 *
 * <p>The state lives on one event loop. A transaction user on any loop calls
 * {@link #register}; the work hops to the registrar's loop and the response back to the
 * transaction's. {@link #bindings(String)} may be read from any thread.
 */
public final class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);

    private final EventLoop loop;
    private final RegistrarSettings settings;
    private final DigestAuthenticator authenticator;
    private final RegistrationListener listener;
    private final RegistrarMetrics metrics;
    private final AuthenticationThrottle throttle;
    /** Bindings by user, then by contact URI; touched on {@link #loop} only. */
    private final Map<String, Map<String, Registered>> byUser = new HashMap<>();
    /** Immutable copies of each user's bindings, for readers on other threads. */
    private final Map<String, List<Binding>> published = new ConcurrentHashMap<>();

    /** A binding and the timer that removes it. */
    private static final class Registered {
        final Binding binding;
        final ScheduledFuture<?> expiry;

        Registered(Binding binding, ScheduledFuture<?> expiry) {
            this.binding = binding;
            this.expiry = expiry;
        }
    }

    /**
     * @param loop          the event loop that owns the bindings and runs their timers
     * @param authenticator used on {@code loop} only; its clock should be {@code loop}'s ticker
     */
    public Registrar(EventLoop loop, RegistrarSettings settings, DigestAuthenticator authenticator,
                     RegistrationListener listener, RegistrarMetrics metrics) {
        this(loop, settings, authenticator, listener, metrics, AuthenticationThrottle.Limits.DEFAULTS);
    }

    /**
     * @param throttle how many failed authentications from one source address block it, and for how long
     */
    public Registrar(EventLoop loop, RegistrarSettings settings, DigestAuthenticator authenticator,
                     RegistrationListener listener, RegistrarMetrics metrics, AuthenticationThrottle.Limits throttle) {
        this.throttle = new AuthenticationThrottle(throttle, () -> loop.ticker().nanoTime());
        this.loop = loop;
        this.settings = settings;
        this.authenticator = authenticator;
        this.listener = listener;
        this.metrics = metrics;
    }

    /**
     * Handles a REGISTER: the transaction user hands over the server transaction and its request
     * and is done; the registrar responds on the transaction. Call on the transaction's loop.
     */
    public void register(ServerTransaction transaction, SipRequest request) {
        if (loop.inEventLoop()) {
            respond(transaction, handle(transaction, request));
            return;
        }
        EventLoop origin = transaction.loop();
        request.retain();
        loop.execute(() -> {
            SipResponse response;
            try {
                response = handle(transaction, request);
            } finally {
                request.release();
            }
            origin.execute(() -> respond(transaction, response));
        });
    }

    /** The current bindings of {@code user}, oldest first; empty when unregistered. Any thread. */
    public List<Binding> bindings(String user) {
        return published.getOrDefault(user, List.of());
    }

    /**
     * Removes every binding of {@code user}, as when the user leaves the directory or loses its
     * licence: the listener hears {@link RegistrationListener#lastBindingGone}, and the client's
     * next REGISTER is challenged like any other. Any thread; does nothing once the loop stops.
     */
    public void unbind(String user) {
        if (loop.isShuttingDown()) {
            return;
        }
        loop.execute(() -> {
            Map<String, Registered> bindings = byUser.get(user);
            if (bindings != null) {
                for (String uri : List.copyOf(bindings.keySet())) {
                    remove(user, uri);
                }
            }
        });
    }

    /** The registrar loop's clock, against which {@link Binding#expiresAtNanos()} counts. */
    public long nowNanos() {
        return loop.ticker().nanoTime();
    }

    /** Drops every binding without telling the listener, and stops their timers. Call on the loop. */
    public void stop() {
        for (Map<String, Registered> bindings : byUser.values()) {
            for (Registered registered : bindings.values()) {
                registered.expiry.cancel(false);
                metrics.bindings(-1);
            }
        }
        byUser.clear();
        published.clear();
    }

    private static void respond(ServerTransaction transaction, SipResponse response) {
        try {
            transaction.respond(response);
        } finally {
            response.release();
        }
    }

    /** The answer to a REGISTER; a fault of the registrar itself becomes 500, never silence. */
    private SipResponse handle(ServerTransaction transaction, SipRequest request) {
        try {
            return decide(transaction, request);
        } catch (RuntimeException fault) {
            log.warn("REGISTER from {} failed in the registrar: {}", transaction.source(), fault.toString());
            return SipErrorResponse.of(request, 500, "Server Internal Error");
        }
    }

    private SipResponse decide(ServerTransaction transaction, SipRequest request) {
        List<String> required = request.require();
        if (!required.isEmpty()) {
            // Section 10.3 step 2 and 8.2.2.3: no extension is supported here.
            SipResponse response = refuse(request, Result.BAD_REQUEST, 420, "Bad Extension");
            response.setHeader("Unsupported", String.join(", ", required));
            return response;
        }
        InetAddress source = transaction.source().getAddress();
        if (throttle.blocked(source)) {
            return refuse(request, Result.THROTTLED, 403, "Too Many Failed Authentications");
        }
        DigestVerdict verdict = authenticator.verify(request, DigestChallengeKind.ORIGIN);
        if (!verdict.authenticated()) {
            if (verdict.failure() != DigestFailure.MISSING && verdict.failure() != DigestFailure.STALE_NONCE) {
                throttle.failed(source);
            }
            metrics.digestFailure(verdict.failure());
            metrics.attempt(Result.UNAUTHORIZED);
            return authenticator.challenge(request, DigestChallengeKind.ORIGIN,
                    verdict.failure() == DigestFailure.STALE_NONCE);
        }
        throttle.succeeded(source);
        NameAddress to = request.to();
        SipUri aor = to == null ? null : to.sipUri();
        if (aor == null) {
            return refuse(request, Result.BAD_REQUEST, 400, "Invalid To");
        }
        String user = verdict.username();
        if (!aor.userName().equals(user)) {
            // Section 10.3 step 4: an authenticated user registers its own address-of-record only.
            return refuse(request, Result.FORBIDDEN, 403, "Forbidden");
        }
        RequestedContacts requested = RequestedContacts.read(request, settings);
        return switch (requested.kind) {
            case MALFORMED -> refuse(request, Result.BAD_REQUEST, 400, requested.problem);
            case TOO_BRIEF -> {
                SipResponse response = refuse(request, Result.INTERVAL_TOO_BRIEF, 423, "Interval Too Brief");
                response.setHeader("Min-Expires", Long.toString(settings.minExpires()));
                yield response;
            }
            case WILDCARD -> removeAll(request, user);
            case CONTACTS -> update(transaction, request, user, requested.contacts);
        };
    }

    private SipResponse refuse(SipRequest request, Result result, int status, String reason) {
        metrics.attempt(result);
        return SipErrorResponse.of(request, status, reason);
    }

    /** Section 10.3 step 7: a known binding changes only for another Call-ID or a higher CSeq. */
    private static boolean outOfOrder(Registered existing, SipRequest request) {
        return existing != null && existing.binding.callId().equals(request.callId())
                && request.cseq().number() <= existing.binding.cseq();
    }

    private SipResponse removeAll(SipRequest request, String user) {
        Map<String, Registered> bindings = byUser.getOrDefault(user, Map.of());
        for (Registered existing : bindings.values()) {
            if (outOfOrder(existing, request)) {
                return refuse(request, Result.BAD_REQUEST, 400, "Out Of Order CSeq");
            }
        }
        for (String uri : List.copyOf(bindings.keySet())) {
            remove(user, uri);
        }
        return accepted(request, user);
    }

    private SipResponse update(ServerTransaction transaction, SipRequest request, String user,
                               List<Requested> contacts) {
        Map<String, Registered> bindings = byUser.getOrDefault(user, Map.of());
        int count = bindings.size();
        for (Requested requested : contacts) {
            Registered existing = bindings.get(requested.contact().uri());
            if (outOfOrder(existing, request)) {
                return refuse(request, Result.BAD_REQUEST, 400, "Out Of Order CSeq");
            }
            count += existing == null && requested.expires() > 0 ? 1 : 0;
            count -= existing != null && requested.expires() == 0 ? 1 : 0;
        }
        if (count > settings.maxBindingsPerUser()) {
            return refuse(request, Result.FORBIDDEN, 403, "Too Many Registrations");
        }
        for (Requested requested : contacts) {
            if (requested.expires() == 0) {
                remove(user, requested.contact().uri());
            } else {
                bind(user, requested, request, transaction);
            }
        }
        return accepted(request, user);
    }

    private void bind(String user, Requested requested, SipRequest request, ServerTransaction transaction) {
        String uri = requested.contact().uri();
        Binding binding = new Binding(user, requested.contact(), request.callId(), request.cseq().number(),
                nowNanos() + TimeUnit.SECONDS.toNanos(requested.expires()), transaction.source(),
                transaction.transport());
        Map<String, Registered> bindings = byUser.computeIfAbsent(user, u -> new LinkedHashMap<>());
        boolean first = bindings.isEmpty();
        ScheduledFuture<?> expiry = loop.schedule(() -> expire(user, uri, binding), requested.expires(),
                TimeUnit.SECONDS);
        Registered previous = bindings.put(uri, new Registered(binding, expiry));
        if (previous == null) {
            metrics.bindings(1);
        } else {
            previous.expiry.cancel(false);
        }
        publish(user, bindings);
        if (first) {
            listener.firstBinding(user, binding);
        }
    }

    private void expire(String user, String uri, Binding binding) {
        Map<String, Registered> bindings = byUser.get(user);
        Registered current = bindings == null ? null : bindings.get(uri);
        if (current != null && current.binding == binding) {
            remove(user, uri);
        }
    }

    private void remove(String user, String uri) {
        Map<String, Registered> bindings = byUser.get(user);
        Registered removed = bindings == null ? null : bindings.remove(uri);
        if (removed == null) {
            return;
        }
        removed.expiry.cancel(false);
        metrics.bindings(-1);
        if (bindings.isEmpty()) {
            byUser.remove(user);
            published.remove(user);
            listener.lastBindingGone(user);
        } else {
            publish(user, bindings);
        }
    }

    private void publish(String user, Map<String, Registered> bindings) {
        List<Binding> copy = new ArrayList<>(bindings.size());
        for (Registered registered : bindings.values()) {
            copy.add(registered.binding);
        }
        published.put(user, List.copyOf(copy));
    }

    /** Section 10.3 step 8: 200 with every current binding of the user and its remaining time. */
    private SipResponse accepted(SipRequest request, String user) {
        metrics.attempt(Result.OK);
        SipResponse response = SipErrorResponse.of(request, 200, "OK");
        List<Binding> current = bindings(user);
        long now = nowNanos();
        for (int i = current.size() - 1; i >= 0; i--) {
            Binding binding = current.get(i);
            response.addHeader(HeaderName.CONTACT, "<" + binding.contact().uri() + ">;expires="
                    + binding.expiresInSeconds(now));
        }
        return response;
    }
}
