package org.cloudgate.core.calls;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import org.cloudgate.core.config.CallSettings;
import org.cloudgate.sip.b2bua.SessionRefresh;
import org.cloudgate.core.config.DirectorySettings;
import org.cloudgate.core.config.PbxSettings;
import org.cloudgate.core.config.PbxTransport;
import org.cloudgate.core.config.UserSettings;
import org.cloudgate.core.directory.UserDirectory;
import org.cloudgate.core.media.CallMediaSource;
import org.cloudgate.sip.auth.DigestAuthenticator;
import org.cloudgate.sip.auth.DigestSettings;
import org.cloudgate.sip.b2bua.CallPlan;
import org.cloudgate.sip.codec.OutgoingRequests;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.registration.Registrar;
import org.cloudgate.sip.registration.RegistrarMetrics;
import org.cloudgate.sip.registration.RegistrarSettings;
import org.cloudgate.sip.registration.RegistrationListener;
import org.cloudgate.sip.transport.TransportPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's decisions for calls it refuses or sends back to the PBX, on real requests. Calls
 * to registered clients and the headers on the wire are shown by the daemon's integration tests.
 */
class GatewayCallRouterTest {

    private static final InetSocketAddress PBX = new InetSocketAddress("127.0.0.2", 5070);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final AtomicInteger activeCalls = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CallThroughAnnouncements announcements = new CallThroughAnnouncements(Duration.ofMinutes(1),
            System::nanoTime);
    private final GsmPreferences gsmPreferences = new GsmPreferences();

    @AfterEach
    void stop() {
        loop.shutdownGracefully();
    }

    private GatewayCallRouter router(int maxConcurrent, String callThrough) {
        return router(maxConcurrent, callThrough, "");
    }

    private GatewayCallRouter router(int maxConcurrent, String callThrough, String countryCode) {
        CallSettings calls = new CallSettings("0", 5, Duration.ofMinutes(2), Duration.ofHours(12), maxConcurrent,
                CallSettings.ClirFrom.ANONYMOUS, CallSettings.RedirectingInfo.DIVERSION, callThrough,
                CallSettings.CallThroughTo.DIVERSION, false, Duration.ofMinutes(1), SessionRefresh.OFF, true,
                countryCode);
        PbxSettings pbx = new PbxSettings("127.0.0.2", 5070, PbxTransport.UDP, "cloudgate", "pbx-secret",
                new PbxSettings.KeepAlive(false, Duration.ofSeconds(30), 3));
        UserDirectory directory = new UserDirectory(new DirectorySettings(2, List.of(
                new UserSettings("201", Optional.of("Alice"), Optional.of("alice@example.com"), "alice-secret",
                        Optional.of("+41791234567"), false),
                new UserSettings("202", Optional.of("Bob"), Optional.empty(), "bob-secret", Optional.empty(), false))),
                registry);
        DigestSettings digest = DigestSettings.of("cloudgate");
        Registrar registrar = new Registrar(loop, RegistrarSettings.DEFAULTS,
                new DigestAuthenticator(digest, directory, System::currentTimeMillis), RegistrationListener.NONE,
                RegistrarMetrics.none());
        return new GatewayCallRouter(calls, pbx, PBX, TransportPolicy.UDP, "127.0.0.1", digest, directory, registrar,
                announcements, gsmPreferences, activeCalls::get, new RegistrarMetrics(registry), CallMediaSource.PASS_THROUGH, registry);
    }

    private static SipRequest invite(String requestUri, String from) {
        return OutgoingRequests.fromText(inviteText(requestUri, from, ""));
    }

    /** An INVITE with {@code headers} (each line ending in CRLF) before Content-Length. */
    private static String inviteText(String requestUri, String from, String headers) {
        return "INVITE " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK-1\r\n"
                + "From: " + from + ";tag=a1\r\n"
                + "To: <" + requestUri + ">\r\n"
                + "Call-ID: call-1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + headers
                + "Content-Length: 0\r\n\r\n";
    }

    private static CallPlan route(GatewayCallRouter router, String requestUri, String from, InetSocketAddress source) {
        SipRequest invite = invite(requestUri, from);
        try {
            return router.route(invite, source, null);
        } finally {
            invite.release();
        }
    }

    @Test
    void thePbxCallingAnUnknownOrNotOnboardedUserGets404AndAnUnregisteredOne480() {
        GatewayCallRouter router = router(0, "");
        assertThat(route(router, "sip:299@gw", "<sip:100@pbx>", PBX)).isEqualTo(CallPlan.Reject.of(404, "Not Found"));
        assertThat(route(router, "sip:202@gw", "<sip:100@pbx>", PBX)).isEqualTo(CallPlan.Reject.of(404, "Not Found"));
        assertThat(route(router, "sip:201@gw", "<sip:100@pbx>", PBX))
                .isEqualTo(CallPlan.Reject.of(480, "Temporarily Unavailable"));
    }

    @Test
    void aClientWithoutCredentialsIsChallengedAndOneWithWrongOnesRefused() {
        GatewayCallRouter router = router(0, "");
        CallPlan challenge = route(router, "sip:100@gw", "<sip:201@gw>", CLIENT);
        assertThat(challenge).isInstanceOf(CallPlan.Reject.class);
        CallPlan.Reject reject = (CallPlan.Reject) challenge;
        assertThat(reject.status()).isEqualTo(407);
        assertThat(reject.headers()).hasSize(2).allMatch(h -> h.startsWith("Proxy-Authenticate: Digest realm=\"cloudgate\""));

        SipRequest forged = invite("sip:100@gw", "<sip:201@gw>");
        forged.addHeader(HeaderName.PROXY_AUTHORIZATION, "Digest username=\"201\", realm=\"cloudgate\", "
                + "nonce=\"bogus\", uri=\"sip:100@gw\", response=\"00\", qop=auth, nc=00000001, cnonce=\"x\", "
                + "opaque=\"y\", algorithm=MD5");
        try {
            assertThat(router.route(forged, CLIENT, null)).isEqualTo(CallPlan.Reject.of(403, "Forbidden"));
        } finally {
            forged.release();
        }
        assertThat(registry.get("cloudgate.sip.digest.failures").tag("reason", "missing").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aRunTimeGsmChoiceRoutesTheNextCallFromThePbxToTheGsmAndBack() {
        GatewayCallRouter router = router(0, "0441234567");
        assertThat(route(router, "sip:201@gw", "<sip:100@pbx>", PBX))
                .as("configured use-gsm = false").isEqualTo(CallPlan.Reject.of(480, "Temporarily Unavailable"));
        gsmPreferences.choose("201", true);
        CallPlan toGsm = route(router, "sip:201@gw", "<sip:100@pbx>", PBX);
        assertThat(toGsm).isInstanceOf(CallPlan.Forward.class);
        assertThat(((CallPlan.Forward) toGsm).kind()).isEqualTo("to-gsm");
        assertThat(((CallPlan.Forward) toGsm).targets().get(0).requestUri()).endsWith("0041791234567@127.0.0.2:5070");
        gsmPreferences.choose("201", false);
        assertThat(route(router, "sip:201@gw", "<sip:100@pbx>", PBX))
                .isEqualTo(CallPlan.Reject.of(480, "Temporarily Unavailable"));
    }

    @Test
    void overTheCallLimitNewCallsGet503WithRetryAfter() {
        GatewayCallRouter router = router(2, "");
        activeCalls.set(2);
        assertThat(route(router, "sip:201@gw", "<sip:100@pbx>", PBX))
                .isEqualTo(new CallPlan.Reject(503, "Service Unavailable", List.of("Retry-After: 30")));
        assertThat(registry.get("cloudgate.calls.rules").tag("rule", "call-limit").counter().count()).isEqualTo(1);
        activeCalls.set(1);
        assertThat(route(router, "sip:201@gw", "<sip:100@pbx>", PBX))
                .isEqualTo(CallPlan.Reject.of(480, "Temporarily Unavailable"));
    }

    @Test
    void aCallFromAUsersGsmToTheCallThroughNumberGoesToTheAnnouncedDestinationAsTheUser() {
        GatewayCallRouter router = router(0, "0441234567");
        assertThat(route(router, "sip:0441234567@gw", "<sip:0791234567@pbx>", PBX))
                .as("nothing announced yet").isEqualTo(CallPlan.Reject.of(403, "Forbidden"));
        assertThat(route(router, "sip:0441234567@gw", "<sip:0799999999@pbx>", PBX))
                .as("not a user's GSM: the same answer").isEqualTo(CallPlan.Reject.of(403, "Forbidden"));
        assertThat(registry.get("cloudgate.calls.call.through.refused").tag("reason", "no-destination").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("cloudgate.calls.call.through.refused").tag("reason", "unknown-caller").counter().count())
                .isEqualTo(1);

        announcements.announce("+41791234567", "0312223344");
        CallPlan plan = route(router, "sip:0441234567@gw", "<sip:0041791234567@pbx>", PBX);
        assertThat(plan).isInstanceOf(CallPlan.Forward.class);
        CallPlan.Forward forward = (CallPlan.Forward) plan;
        assertThat(forward.kind()).isEqualTo("call-through");
        assertThat(forward.targets()).singleElement().satisfies(target -> {
            assertThat(target.requestUri()).isEqualTo("sip:00312223344@127.0.0.2:5070");
            assertThat(target.destination()).isEqualTo(PBX);
            assertThat(target.credentials()).isNotNull();
        });
        assertThat(forward.caller().uri()).isEqualTo("sip:201@127.0.0.2:5070");
        assertThat(forward.caller().displayName()).isEqualTo("\"Alice\"");
        assertThat(registry.get("cloudgate.calls.rules").tag("rule", "call-through").counter().count()).isEqualTo(1);
    }

    @Test
    void withTheCountryCodeSetANationalCliIsADialInOnlyFromThatCountrysGsm() {
        announcements.announce("+41791234567", "0312223344");
        assertThat(route(router(0, "0441234567", "33"), "sip:0441234567@gw", "<sip:0791234567@pbx>", PBX))
                .as("a French 079... is not Alice's Swiss mobile").isEqualTo(CallPlan.Reject.of(403, "Forbidden"));
        assertThat(registry.get("cloudgate.calls.call.through.refused").tag("reason", "unknown-caller").counter().count())
                .isEqualTo(1);

        CallPlan plan = route(router(0, "0441234567", "41"), "sip:+41441234567@gw", "<sip:0791234567@pbx>", PBX);
        assertThat(plan).isInstanceOf(CallPlan.Forward.class);
        assertThat(((CallPlan.Forward) plan).kind()).isEqualTo("call-through");
        assertThat(((CallPlan.Forward) plan).caller().uri()).isEqualTo("sip:201@127.0.0.2:5070");
    }

    @Test
    void theDialInCallerIsWhomThePbxAssertsNotWhatFromClaims() {
        GatewayCallRouter router = router(0, "0441234567");
        announcements.announce("+41791234567", "0312223344");

        SipRequest spoofed = invite("sip:0441234567@gw", "<sip:+41791234567@pbx>");
        spoofed.addHeader(HeaderName.P_ASSERTED_IDENTITY, "<tel:+41795550000>");
        try {
            assertThat(router.route(spoofed, PBX, null)).as("the asserted caller is no user's GSM")
                    .isEqualTo(CallPlan.Reject.of(403, "Forbidden"));
        } finally {
            spoofed.release();
        }

        SipRequest asserted = invite("sip:0441234567@gw", "\"Withheld\" <sip:anonymous@anonymous.invalid>");
        asserted.addHeader(HeaderName.P_ASSERTED_IDENTITY, "<sip:0791234567@pbx;user=phone>");
        try {
            assertThat(router.route(asserted, PBX, null)).isInstanceOf(CallPlan.Forward.class);
        } finally {
            asserted.release();
        }
    }

    @Test
    void aWithheldDialInStaysWithheldOnTheNewCallAndLeavesItsRedirectionsBehind() {
        GatewayCallRouter router = router(0, "0441234567");
        announcements.announce("+41791234567", "0312223344");
        String withheld = "Anonymous <sip:anonymous@anonymous.invalid>";
        String extra = "P-Asserted-Identity: <sip:0791234567@pbx>\r\nPrivacy: id\r\n"
                + "Diversion: <sip:0317777777@pbx>;reason=unconditional\r\n"
                + "History-Info: <sip:0317777777@pbx>;index=1\r\n";
        String text = inviteText("sip:0441234567@gw", withheld, extra);
        SipRequest dialIn = OutgoingRequests.fromText(text);
        SipRequest outgoing = OutgoingRequests.fromText(text);
        try {
            CallPlan plan = router.route(dialIn, PBX, null);
            assertThat(plan).isInstanceOf(CallPlan.Forward.class);
            CallPlan.Forward forward = (CallPlan.Forward) plan;
            assertThat(forward.caller().uri()).as("the configured anonymous From, not the user")
                    .isNotEqualTo("sip:201@127.0.0.2:5070").contains("anonymous");
            forward.rewrite().apply(outgoing);
            assertThat(outgoing.header(HeaderName.PRIVACY)).isEqualTo("id");
            assertThat(outgoing.header(HeaderName.P_ASSERTED_IDENTITY)).as("the PBX is trusted: the user, asserted")
                    .contains("sip:201@");
            assertThat(outgoing.contains(HeaderName.DIVERSION)).as("the dial-in's redirection is not the new call's").isFalse();
            assertThat(outgoing.contains(HeaderName.HISTORY_INFO)).isFalse();
            assertThat(registry.get("cloudgate.calls.rules").tag("rule", "clir").counter().count()).isEqualTo(1);
        } finally {
            dialIn.release();
            outgoing.release();
        }
    }
}
