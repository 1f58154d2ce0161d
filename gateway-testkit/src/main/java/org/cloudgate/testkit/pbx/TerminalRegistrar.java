package org.cloudgate.testkit.pbx;

import io.netty.channel.EventLoop;
import org.cloudgate.sip.auth.DigestAuthenticator;
import org.cloudgate.sip.auth.DigestChallengeKind;
import org.cloudgate.sip.auth.DigestFailure;
import org.cloudgate.sip.auth.DigestVerdict;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.registration.RegistrarSettings;
import org.cloudgate.sip.registration.RequestedContacts;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.uri.SipUri;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The PBX's registrar for the terminals the gateway registers (RFC 3261 section 10.3). Every
 * terminal authenticates with the one PBX credential pair (digest, RFC 7616 / RFC 8760), and
 * registers an address-of-record whose user part is one of the PBX's extensions. Missing, stale
 * or unknown nonces are challenged (401); credentials that prove a wrong user or password are
 * refused with 403, as the PBX does, so that a misconfigured gateway fails instead of looping.
 * An unknown extension gets 404.
 *
 * <p>State lives on the PBX's event loop; {@link #bindings()} may be read from any thread.
 */
final class TerminalRegistrar {

    /** Registration times: at least 1 s (tests use short ones), at most an hour, an hour when unsaid. */
    private static final RegistrarSettings LIMITS = new RegistrarSettings(1, 3600, 3600, 10);

    private final EventLoop loop;
    private final PbxDescription description;
    private final DigestAuthenticator authenticator;
    private final Refusals refusals;
    /** Bindings by extension, then by contact URI; on {@link #loop} only. */
    private final Map<String, Map<String, Registered>> byExtension = new HashMap<>();
    private final Map<String, List<TerminalBinding>> published = new ConcurrentHashMap<>();

    private record Registered(TerminalBinding binding, ScheduledFuture<?> expiry) {
    }

    TerminalRegistrar(EventLoop loop, PbxDescription description, DigestAuthenticator authenticator,
                      Refusals refusals) {
        this.loop = loop;
        this.description = description;
        this.authenticator = authenticator;
        this.refusals = refusals;
    }

    /** The answer to a REGISTER; the caller sends and releases it. On the loop. */
    SipResponse register(ServerTransaction transaction, SipRequest request) {
        DigestVerdict verdict = authenticator.verify(request, DigestChallengeKind.ORIGIN);
        if (!verdict.authenticated()) {
            return switch (verdict.failure()) {
                case MISSING, STALE_NONCE, FORGED_NONCE, REPLAYED -> authenticator.challenge(request,
                        DigestChallengeKind.ORIGIN, verdict.failure() == DigestFailure.STALE_NONCE);
                case MALFORMED -> refusals.response(request, 400, "Malformed Credentials", "register-malformed");
                default -> refusals.response(request, 403, "Forbidden", "register-credentials");
            };
        }
        NameAddress to = request.to();
        SipUri aor = to == null ? null : to.sipUri();
        if (aor == null) {
            return refusals.response(request, 400, "Invalid To", "register-malformed");
        }
        String extension = aor.userName();
        if (description.extension(extension) == null) {
            return refusals.response(request, 404, "Not Found", "unknown-extension");
        }
        RequestedContacts requested = RequestedContacts.read(request, LIMITS);
        switch (requested.kind()) {
            case MALFORMED, TOO_BRIEF -> {
                return refusals.response(request, 400, requested.kind() == RequestedContacts.Kind.MALFORMED
                        ? requested.problem() : "Invalid Expires", "register-malformed");
            }
            case WILDCARD -> {
                for (String uri : List.copyOf(byExtension.getOrDefault(extension, Map.of()).keySet())) {
                    remove(extension, uri);
                }
            }
            case CONTACTS -> {
                for (RequestedContacts.Requested contact : requested.contacts()) {
                    Registered existing = byExtension.getOrDefault(extension, Map.of()).get(contact.contact().uri());
                    if (existing != null && existing.binding().callId().equals(request.callId())
                            && request.cseq().number() <= existing.binding().cseq()) {
                        // Section 10.3 step 7: a request older than the binding's changes nothing.
                        return refusals.response(request, 400, "Out Of Order CSeq", "register-malformed");
                    }
                }
                for (RequestedContacts.Requested contact : requested.contacts()) {
                    if (contact.expires() == 0) {
                        remove(extension, contact.contact().uri());
                    } else {
                        bind(extension, contact, request, transaction);
                    }
                }
            }
        }
        return accepted(request, extension);
    }

    private void bind(String extension, RequestedContacts.Requested contact, SipRequest request,
                      ServerTransaction transaction) {
        String uri = contact.contact().uri();
        TerminalBinding binding = new TerminalBinding(extension, contact.contact(), request.callId(),
                request.cseq().number(), loop.ticker().nanoTime() + TimeUnit.SECONDS.toNanos(contact.expires()),
                transaction.source(), transaction.transport());
        Map<String, Registered> bindings = byExtension.computeIfAbsent(extension, e -> new LinkedHashMap<>());
        ScheduledFuture<?> expiry = loop.schedule(() -> expire(extension, uri, binding), contact.expires(),
                TimeUnit.SECONDS);
        Registered previous = bindings.put(uri, new Registered(binding, expiry));
        if (previous != null) {
            previous.expiry().cancel(false);
        }
        publish(extension);
    }

    private void expire(String extension, String uri, TerminalBinding binding) {
        Registered current = byExtension.getOrDefault(extension, Map.of()).get(uri);
        if (current != null && current.binding() == binding) {
            remove(extension, uri);
        }
    }

    private void remove(String extension, String uri) {
        Map<String, Registered> bindings = byExtension.get(extension);
        Registered removed = bindings == null ? null : bindings.remove(uri);
        if (removed != null) {
            removed.expiry().cancel(false);
            if (bindings.isEmpty()) {
                byExtension.remove(extension);
            }
            publish(extension);
        }
    }

    private void publish(String extension) {
        Map<String, Registered> bindings = byExtension.get(extension);
        if (bindings == null) {
            published.remove(extension);
            return;
        }
        List<TerminalBinding> copy = new ArrayList<>();
        bindings.values().forEach(registered -> copy.add(registered.binding()));
        published.put(extension, List.copyOf(copy));
    }

    /** Section 10.3 step 8: 200 with every current binding of the extension and its remaining time. */
    private SipResponse accepted(SipRequest request, String extension) {
        SipResponse response = SipErrorResponse.of(request, 200, "OK");
        long now = loop.ticker().nanoTime();
        List<TerminalBinding> current = published.getOrDefault(extension, List.of());
        for (int i = current.size() - 1; i >= 0; i--) {
            TerminalBinding binding = current.get(i);
            long seconds = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(binding.expiresAtNanos() - now + 999_999_999L));
            response.addHeader(HeaderName.CONTACT, "<" + binding.contact().uri() + ">;expires=" + seconds);
        }
        return response;
    }

    /** Every current binding, extension by extension. Any thread. */
    List<TerminalBinding> bindings() {
        List<TerminalBinding> all = new ArrayList<>();
        published.values().forEach(all::addAll);
        return all;
    }

    /** The latest binding of {@code extension}. Any thread. */
    Optional<TerminalBinding> binding(String extension) {
        List<TerminalBinding> bindings = published.getOrDefault(extension, List.of());
        return bindings.isEmpty() ? Optional.empty() : Optional.of(bindings.get(bindings.size() - 1));
    }

    /** Drops every binding and stops their timers. On the loop. */
    void stop() {
        byExtension.values().forEach(bindings -> bindings.values().forEach(r -> r.expiry().cancel(false)));
        byExtension.clear();
        published.clear();
    }
}
