package org.cloudgate.core.calls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.FastThreadLocal;
import org.cloudgate.core.config.CallSettings;
import org.cloudgate.core.config.PbxSettings;
import org.cloudgate.core.config.PhoneNumbers;
import org.cloudgate.core.directory.DirectoryUser;
import org.cloudgate.core.directory.UserDirectory;
import org.cloudgate.core.media.CallMediaSource;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.pool.PortPoolExhaustedException;
import org.cloudgate.sip.auth.DigestAuthenticator;
import org.cloudgate.sip.auth.DigestChallengeKind;
import org.cloudgate.sip.auth.DigestClient;
import org.cloudgate.sip.auth.DigestFailure;
import org.cloudgate.sip.auth.DigestSecret;
import org.cloudgate.sip.auth.DigestSettings;
import org.cloudgate.sip.auth.DigestVerdict;
import org.cloudgate.sip.b2bua.CallMedia;
import org.cloudgate.sip.b2bua.CallPlan;
import org.cloudgate.sip.b2bua.CallRouter;
import org.cloudgate.sip.b2bua.CallTarget;
import org.cloudgate.sip.b2bua.CallerIdentity;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.registration.Binding;
import org.cloudgate.sip.registration.Registrar;
import org.cloudgate.sip.registration.RegistrarMetrics;
import org.cloudgate.sip.transport.SipTransport;
import org.cloudgate.sip.transport.TransportPolicy;
import org.cloudgate.sip.uri.SipUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Where each call goes. From the PBX: to the user the Request-URI names (extension), forked to
 * every client the user registered, or to the user's GSM through the PBX's outgoing route; a call
 * from a user's GSM to the call-through number goes to the destination the user announced. From
 * a client, once authenticated by digest (407, RFC 3261 section 22.3): to the PBX, external
 * numbers behind the outgoing route. Anything else is refused with a status that says why.
 */
public final class GatewayCallRouter implements CallRouter {

    /** A labelled counter per rule the router applied, {@code cloudgate_calls_rules_total{rule}}. */
    enum Rule {
        GSM_ROUTED("gsm-routed"),
        CALL_THROUGH("call-through"),
        CLIR("clir"),
        CALL_LIMIT("call-limit");

        final String tag;

        Rule(String tag) {
            this.tag = tag;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GatewayCallRouter.class);
    private static final String RETRY_AFTER = "Retry-After: 30";

    private final CallSettings settings;
    private final InetSocketAddress pbxAddress;
    private final TransportPolicy pbxPolicy;
    private final String pbxHost;
    private final UserDirectory directory;
    private final Registrar registrar;
    private final CallThroughAnnouncements announcements;
    private final GsmPreferences gsmPreferences;
    private final IntSupplier activeCalls;
    private final CallMediaSource media;
    private final DialPlan dialPlan;
    private final IdentityRules identity;
    private final FastThreadLocal<DigestAuthenticator> authenticators;
    private final FastThreadLocal<DigestClient> pbxCredentials;
    private final Map<Rule, Counter> rules = new EnumMap<>(Rule.class);
    private final Counter dialInFromStranger;
    private final Counter dialInWithoutDestination;
    private final RegistrarMetrics authentication;

    /**
     * @param pbxAddress  the PBX's resolved SIP address; {@code null} when none is configured
     * @param gatewayHost the host the gateway advertises
     * @param gsmPreferences each user's "use GSM" choice, read for every call from the PBX
     * @param activeCalls calls carried now, for the call-admission limit
     * @param authentication where digest failures are counted, with the registrar's
     * @param media       each placed call's media: relayed, codec-filtered or passed through
     */
    public GatewayCallRouter(CallSettings settings, PbxSettings pbx, InetSocketAddress pbxAddress, TransportPolicy pbxPolicy,
                             String gatewayHost, DigestSettings digest, UserDirectory directory, Registrar registrar,
                             CallThroughAnnouncements announcements, GsmPreferences gsmPreferences,
                             IntSupplier activeCalls,
                             RegistrarMetrics authentication, CallMediaSource media, MeterRegistry registry) {
        this.settings = settings;
        this.pbxAddress = pbxAddress;
        this.pbxPolicy = pbxPolicy;
        this.pbxHost = pbxAddress == null ? "" : hostPort(pbx);
        this.directory = directory;
        this.registrar = registrar;
        this.announcements = announcements;
        this.gsmPreferences = gsmPreferences;
        this.activeCalls = activeCalls;
        this.authentication = authentication;
        this.media = media;
        this.dialPlan = new DialPlan(settings);
        this.identity = new IdentityRules(settings, gatewayHost);
        this.authenticators = new FastThreadLocal<>() {
            @Override
            protected DigestAuthenticator initialValue() {
                return new DigestAuthenticator(digest, directory,
                        () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
            }
        };
        this.pbxCredentials = new FastThreadLocal<>() {
            @Override
            protected DigestClient initialValue() {
                return new DigestClient(pbx.username(), DigestSecret.password(pbx.password()));
            }
        };
        for (Rule rule : Rule.values()) {
            rules.put(rule, Counter.builder("cloudgate.calls.rules")
                    .description("Number and identity rules applied to calls, by rule")
                    .tag("rule", rule.tag)
                    .register(registry));
        }
        this.dialInFromStranger = dialInRefused(registry, "unknown-caller");
        this.dialInWithoutDestination = dialInRefused(registry, "no-destination");
    }

    private static String hostPort(PbxSettings pbx) {
        String host = pbx.host().indexOf(':') >= 0 ? '[' + pbx.host() + ']' : pbx.host();
        return pbx.port() == 5060 ? host : host + ':' + pbx.port();
    }

    @Override
    public CallPlan route(SipRequest invite, InetSocketAddress source, SipTransport transport) {
        if (fromPbx(source)) {
            return fromPbx(invite);
        }
        return fromClient(invite);
    }

    private boolean fromPbx(InetSocketAddress source) {
        return pbxAddress != null && pbxAddress.getAddress() != null
                && pbxAddress.getAddress().equals(source.getAddress());
    }

    private boolean overLimit() {
        if (settings.maxConcurrent() > 0 && activeCalls.getAsInt() >= settings.maxConcurrent()) {
            rules.get(Rule.CALL_LIMIT).increment();
            return true;
        }
        return false;
    }

    // ---- calls from the PBX ---------------------------------------------------------------

    private CallPlan fromPbx(SipRequest invite) {
        String dialled = userPart(invite.requestUri());
        if (dialled == null) {
            return CallPlan.Reject.of(404, "Not Found");
        }
        if (overLimit()) {
            return new CallPlan.Reject(503, "Service Unavailable", List.of(RETRY_AFTER));
        }
        if (!settings.callThroughNumber().isEmpty() && PhoneNumbers.sameNumber(dialled, settings.callThroughNumber(), settings.countryCode())) {
            return callThrough(invite);
        }
        DirectoryUser user = directory.user(dialled);
        if (user == null || !user.onboarded()) {
            return CallPlan.Reject.of(404, "Not Found");
        }
        if (gsmPreferences.useGsm(user) && user.settings().gsm().isPresent() && !settings.callThroughNumber().isEmpty()) {
            return toGsm(invite, user);
        }
        List<Binding> bindings = registrar.bindings(user.extension());
        if (bindings.isEmpty()) {
            return CallPlan.Reject.of(480, "Temporarily Unavailable");
        }
        List<CallTarget> targets = new ArrayList<>(bindings.size());
        for (Binding binding : bindings) {
            targets.add(CallTarget.overFlow(binding.contact().uri(), binding.source(), binding.transport()));
        }
        boolean withheld = IdentityRules.withheld(invite);
        if (withheld) {
            rules.get(Rule.CLIR).increment();
        }
        CallerIdentity caller = withheld ? identity.anonymous() : CallerIdentity.AS_RECEIVED;
        return forward(invite, Side.PBX, Side.CLOUD, "to-user", targets, caller,
                outgoing -> identity.towardClient(invite, outgoing));
    }

    private CallPlan toGsm(SipRequest invite, DirectoryUser user) {
        String gsm = user.settings().gsm().orElseThrow();
        String callThroughUri = "sip:" + settings.callThroughNumber() + '@' + pbxHost;
        rules.get(Rule.GSM_ROUTED).increment();
        return forward(invite, Side.PBX, Side.PBX, "to-gsm", List.of(pbxTarget(gsm)), identity.gsmFrom(callThroughUri),
                outgoing -> identity.towardGsm(invite, outgoing, callThroughUri));
    }

    private static Counter dialInRefused(MeterRegistry registry, String reason) {
        return Counter.builder("cloudgate.calls.call.through.refused")
                .description("Calls to the call-through number refused (403), by reason: the caller is no user's GSM"
                        + " (unknown-caller), or the user announced no destination, or it expired (no-destination)")
                .tag("reason", reason)
                .register(registry);
    }

    /**
     * A call from a user's GSM to the call-through number: to what the user announced, as the user.
     * Refused with 403 whether the caller is nobody's GSM or a user's without a destination, so
     * that the answer does not tell a caller which numbers are users' GSMs; the counter and the log
     * tell the operator which it was.
     */
    private CallPlan callThrough(SipRequest invite) {
        String cli = callingNumber(invite);
        DirectoryUser user = cli == null ? null : userWithGsm(cli);
        if (user == null) {
            dialInFromStranger.increment();
            LOG.info("call-through dial-in from {} refused: no user has that GSM number", cli);
            return CallPlan.Reject.of(403, "Forbidden");
        }
        String destination = announcements.take(user.settings().gsm().orElseThrow());
        if (destination == null) {
            dialInWithoutDestination.increment();
            LOG.info("call-through dial-in from {} (user {}) refused: no destination announced, or it expired",
                    cli, user.extension());
            return CallPlan.Reject.of(403, "Forbidden");
        }
        rules.get(Rule.CALL_THROUGH).increment();
        boolean withheld = IdentityRules.withheld(invite);
        String asserted = displayedUri(user);
        return forward(invite, Side.PBX, Side.PBX, "call-through", List.of(pbxTarget(destination)),
                caller(user, withheld), outgoing -> {
                    IdentityRules.towardPbx(invite, outgoing, asserted, withheld);
                    IdentityRules.withoutRedirections(invite, outgoing);
                });
    }

    /** The user as the caller of a call they place, or the configured anonymous From when withheld. */
    private CallerIdentity caller(DirectoryUser user, boolean withheld) {
        CallerIdentity caller = new CallerIdentity(displayName(user), userUri(user));
        if (withheld) {
            rules.get(Rule.CLIR).increment();
            CallerIdentity anonymous = identity.anonymous();
            if (anonymous != CallerIdentity.AS_RECEIVED) {
                caller = anonymous;
            }
        }
        return caller;
    }

    /**
     * The number a call from the PBX comes from: its P-Asserted-Identity (RFC 3325; the PBX is the
     * trusted peer, and that is the number its network screened), else the user part of From,
     * which a caller can set to anything.
     */
    private static String callingNumber(SipRequest invite) {
        for (NameAddress asserted : invite.assertedIdentities()) {
            String number = userPart(asserted.uri());
            if (number != null) {
                return number;
            }
        }
        NameAddress from = invite.from();
        return from == null ? null : userPart(from.uri());
    }

    private DirectoryUser userWithGsm(String cli) {
        for (DirectoryUser user : directory.users()) {
            if (user.onboarded() && user.settings().gsm().filter(gsm -> PhoneNumbers.sameNumber(cli, gsm, settings.countryCode())).isPresent()) {
                return user;
            }
        }
        return null;
    }

    // ---- calls from clients -------------------------------------------------------------------

    private CallPlan fromClient(SipRequest invite) {
        DigestAuthenticator authenticator = authenticators.get();
        DigestVerdict verdict = authenticator.verify(invite, DigestChallengeKind.PROXY);
        if (!verdict.authenticated()) {
            DigestFailure failure = verdict.failure();
            authentication.digestFailure(failure);
            if (failure == DigestFailure.MISSING || failure == DigestFailure.STALE_NONCE) {
                List<String> headers = new ArrayList<>();
                for (String challenge : authenticator.challenges(failure == DigestFailure.STALE_NONCE)) {
                    headers.add("Proxy-Authenticate: " + challenge);
                }
                return new CallPlan.Reject(407, "Proxy Authentication Required", headers);
            }
            return CallPlan.Reject.of(403, "Forbidden");
        }
        DirectoryUser user = directory.user(verdict.username());
        if (user == null || !user.onboarded()) {
            return CallPlan.Reject.of(403, "Forbidden");
        }
        if (pbxAddress == null) {
            return new CallPlan.Reject(503, "Service Unavailable", List.of(RETRY_AFTER));
        }
        String dialled = userPart(invite.requestUri());
        if (dialled == null || !DialPlan.dialable(dialled)) {
            return CallPlan.Reject.of(404, "Not Found");
        }
        if (overLimit()) {
            return new CallPlan.Reject(503, "Service Unavailable", List.of(RETRY_AFTER));
        }
        boolean withheld = IdentityRules.withheld(invite);
        CallerIdentity caller = caller(user, withheld);
        String asserted = displayedUri(user);
        return forward(invite, Side.CLOUD, Side.PBX, "to-pbx", List.of(pbxTarget(dialPlan.toPbx(dialled))), caller,
                outgoing -> IdentityRules.towardPbx(invite, outgoing, asserted, withheld));
    }

    /** Places the call with its media; no relay port left refuses it with 503 (RFC 3261 section 21.5.4). */
    private CallPlan forward(SipRequest invite, Side from, Side to, String kind, List<CallTarget> targets,
                             CallerIdentity caller, CallPlan.Rewrite rewrite) {
        CallMedia callMedia;
        try {
            callMedia = media.forCall(invite.callId(), from, to);
        } catch (PortPoolExhaustedException e) {
            return new CallPlan.Reject(503, "Service Unavailable", List.of(RETRY_AFTER));
        }
        return new CallPlan.Forward(kind, targets, caller, rewrite, callMedia);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private CallTarget pbxTarget(String number) {
        String uri = "sip:" + dialPlan.toPbx(number) + '@' + pbxHost;
        return new CallTarget(uri, uri, pbxAddress, null, pbxPolicy, pbxCredentials.get());
    }

    private String userUri(DirectoryUser user) {
        return "sip:" + user.extension() + '@' + pbxHost;
    }

    private static String displayName(DirectoryUser user) {
        return user.settings().name().map(GatewayCallRouter::quoted).orElse("");
    }

    private String displayedUri(DirectoryUser user) {
        String display = displayName(user);
        return (display.isEmpty() ? "" : display + ' ') + '<' + userUri(user) + '>';
    }

    /** A quoted-string display name (RFC 3261 section 25.1), quotes and backslashes escaped. */
    static String quoted(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The user part of a sip, sips or tel URI, or {@code null}. */
    static String userPart(String uri) {
        if (uri == null) {
            return null;
        }
        if (uri.regionMatches(true, 0, "tel:", 0, 4)) {
            int end = uri.indexOf(';');
            return uri.substring(4, end < 0 ? uri.length() : end);
        }
        SipUri sip = SipUri.parse(uri);
        if (sip == null || sip.user() == null || sip.user().isEmpty()) {
            return null;
        }
        return sip.userName();
    }

}
