package org.cloudgate.distribution;

import org.cloudgate.core.api.ApiRoutes;
import org.cloudgate.core.api.security.TokenHash;
import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.csta.model.SnapshotCall;
import org.cloudgate.sip.transport.Sipp;
import org.cloudgate.testkit.csta.SimulatedCstaService;
import org.cloudgate.testkit.csta.SimulatedSwitch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The northbound API of the daemon as an operator runs it, with CSTA toward the simulated PBX's
 * CSTA service and SIPp as the PBX's SIP side: refusals (401, 403, 404, 415, 422, 429), call
 * control that the PBX sees, do-not-disturb and forwarding round trips, a GSM choice that
 * changes where the next call from the PBX goes, and a call-through announcement that the user's GSM
 * then dials in on. Every answer is checked against the API document.
 */
@Timeout(240)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonApiIT {

    private static final String PBX_IP = "127.0.0.2";
    private static final Pattern API_URL = Pattern.compile("api-http (https?://[^,\\s]+)");
    static final String READER = "reader-9f2c1d7e4b8a6053";
    static final String CONTROLLER = "controller-3e8b5a1f7c2d9064";
    private static final String LIMITED = "limited-6d4a2c8e1f3b7059";
    private static final String PASSWORD = "csta-secret";
    private static final String USER = "/api/v1/users/{id}";
    private static final String CALLS = USER + "/calls";
    private static final String CALL_THROUGH_NUMBER = "0441234567";
    private static final String NO_DESTINATION = "cloudgate_calls_call_through_refused_total{reason=\"no-destination\"}";
    private static final String UNKNOWN_CALLER = "cloudgate_calls_call_through_refused_total{reason=\"unknown-caller\"}";

    private Path dir;
    private SimulatedCstaService csta;
    private CloudgateProcess daemon;
    private ApiClient api;
    private String admin;
    private int pbxRoutePort;

    static String tokens() {
        SecureRandom random = new SecureRandom();
        return """
                tokens = [
                  { name = "dashboard", hash = "%s", scopes = [read] }
                  { name = "backend", hash = "%s", scopes = [control], rate-limit { requests-per-second = 1000, burst = 1000 } }
                  { name = "limited", hash = "%s", scopes = [read], rate-limit { requests-per-second = 1, burst = 3 } }
                ]
                """.formatted(TokenHash.create(READER, TokenHash.MIN_ITERATIONS, random).encoded(),
                TokenHash.create(CONTROLLER, TokenHash.MIN_ITERATIONS, random).encoded(),
                TokenHash.create(LIMITED, TokenHash.MIN_ITERATIONS, random).encoded());
    }

    static String apiUrl(CloudgateProcess daemon) {
        Matcher m = API_URL.matcher(daemon.output());
        if (!m.find()) {
            throw new AssertionError("no API listener in the ready line; output:\n" + daemon.output());
        }
        return m.group(1);
    }

    @BeforeAll
    void start(@TempDir Path workDir) throws Exception {
        dir = workDir;
        csta = new SimulatedCstaService(CstaEncoding.XML, PASSWORD,
                new SimulatedSwitch(List.of("201", "202", "203"), 10)).start();
        pbxRoutePort = Sipp.freeUdpPort();
        Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                  pbx { host = "%s", port = %d, username = "cloudgate", password = "%s", keep-alive.enabled = false }
                  registrar.algorithms = [md5]
                  rtp.indirect-switching = false
                  calls.gsm.call-through-number = "%s"
                  csta { enabled = true, host = "127.0.0.1", port = %d, encoding = xml }
                  api {
                    enabled = true
                    port = 0
                    %s
                  }
                  directory {
                    licences = 5
                    users = [
                      { extension = "201", name = "Alice Example", email = "alice@example.com", password = "a" }
                      { extension = "202", name = "Gina Mobile", email = "gina@example.com", password = "g",
                        gsm = "+41799990000", use-gsm = false }
                      { extension = "203", name = "Carl Example", email = "carl@example.com", password = "c" }
                      { extension = "204", name = "Dora Elsewhere", email = "dora@example.com", password = "d" }
                      { extension = "205", name = "Eve NoMail", password = "e" }
                    ]
                  }
                }
                """.formatted(PBX_IP, pbxRoutePort, PASSWORD, CALL_THROUGH_NUMBER, csta.port(), tokens()));
        daemon = CloudgateProcess.start(dir, "--config", config.toString());
        admin = daemon.awaitReady();
        api = new ApiClient(apiUrl(daemon));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_csta_link_state 2.0"));
    }

    @AfterAll
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (csta != null) {
            csta.close();
        }
    }

    @Test
    void requestsWithoutAKnownTokenOrTheRightScopeAreRefused() throws Exception {
        ApiClient.Answer none = api.get("/api/v1/users", Map.of(), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.header("Content-Type")).isEqualTo("application/problem+json");

        ApiClient.Answer forged = api.get("/api/v1/users", Map.of(), "forged-1234567890abcdef");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("WWW-Authenticate")).contains("invalid_token");

        ApiClient.Answer readOnly = api.json("POST", CALLS, Map.of("id", "201"), READER, "{\"to\":\"202\"}");
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.body().get("detail").asText()).contains("scope control");

        assertThat(api.get(USER, Map.of("id", "299"), READER).status()).isEqualTo(404);
        assertThat(api.json("POST", CALLS + "/{callId}/answer", Map.of("id", "201", "callId", "no-such-call"),
                CONTROLLER, null).status()).isEqualTo(404);
        ApiClient.Answer notOnboarded = api.json("POST", CALLS, Map.of("id", "205"), CONTROLLER, "{\"to\":\"202\"}");
        assertThat(notOnboarded.status()).isEqualTo(409);
        assertThat(notOnboarded.body().get("detail").asText()).contains("missing e-mail");
        assertThat(api.get(ApiRoutes.EVENTS, Map.of(), READER).status())
                .as("a plain GET of the event stream is not a WebSocket upgrade").isEqualTo(400);
    }

    @Test
    void malformedAndInvalidBodiesAre415Or422NamingTheField() throws Exception {
        ApiClient.Answer text = api.send("POST", CALLS, Map.of("id", "201"), CONTROLLER, "text/plain", "202");
        assertThat(text.status()).isEqualTo(415);

        ApiClient.Answer notJson = api.json("POST", CALLS, Map.of("id", "201"), CONTROLLER, "{\"to\": 202");
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.invalidFields()).containsExactly("(body)");

        ApiClient.Answer badNumber = api.json("POST", CALLS, Map.of("id", "201"), CONTROLLER, "{\"to\":\"bob\"}");
        assertThat(badNumber.status()).isEqualTo(422);
        assertThat(badNumber.invalidFields()).containsExactly("to");

        ApiClient.Answer wrongFields = api.json("PUT", USER + "/forwarding", Map.of("id", "201"), CONTROLLER,
                "{\"type\":\"sometimes\",\"enabled\":1,\"colour\":\"red\"}");
        assertThat(wrongFields.status()).isEqualTo(422);
        assertThat(wrongFields.invalidFields()).containsExactlyInAnyOrder("type", "enabled", "colour");

        ApiClient.Answer missing = api.json("PUT", USER + "/dnd", Map.of("id", "201"), CONTROLLER, "{}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.invalidFields()).containsExactly("enabled");

        HttpResponse<String> tooLarge = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(apiUrl(daemon) + "/api/v1/users/201/calls"))
                        .header("Authorization", "Bearer " + CONTROLLER).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + "1".repeat(20_000) + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).as("over cloudgate.api.max-body").isEqualTo(413);
        assertThat(tooLarge.body()).contains("urn:cloudgate:problem:body-too-large");
    }

    @Test
    void aTokenOverItsBurstGets429WithRetryAfter() throws Exception {
        ApiClient.Answer answer = null;
        int passed = 0;
        for (int i = 0; i < 50; i++) {
            answer = api.get("/api/v1/users", Map.of(), LIMITED);
            if (answer.status() == 429) {
                break;
            }
            assertThat(answer.status()).isEqualTo(200);
            passed++;
        }
        assertThat(answer.status()).isEqualTo(429);
        assertThat(passed).isGreaterThanOrEqualTo(3);
        assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
        assertThat(api.get("/api/v1/users", Map.of(), READER).status()).as("other tokens go on").isEqualTo(200);
    }

    @Test
    void aCallMadeThroughTheApiReachesThePbxAndShowsInTheUsersCalls() throws Exception {
        ApiClient.Answer made = api.json("POST", CALLS, Map.of("id", "201"), CONTROLLER, "{\"to\":\"203\"}");
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        String callId = made.body().get("id").asText();
        assertThat(made.header("Location")).endsWith("/api/v1/users/201/calls/" + callId);
        List<SnapshotCall> placed = csta.inSwitch(pbx -> pbx.snapshot("201"));
        assertThat(placed).as("the PBX placed the call")
                .anySatisfy(call -> assertThat(call.connection().callId()).isEqualTo(callId));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiClient.Answer alice = api.get(USER, Map.of("id", "201"), READER);
            assertThat(alice.body().get("calls").findValuesAsText("id")).contains(callId);
            ApiClient.Answer carl = api.get(CALLS + "/{callId}", Map.of("id", "203", "callId", callId), READER);
            assertThat(carl.status()).isEqualTo(200);
            assertThat(carl.body().get("state").asText()).isEqualTo("alerting");
        });

        assertThat(api.json("POST", CALLS + "/{callId}/answer", Map.of("id", "203", "callId", callId), CONTROLLER,
                null).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.get(USER, Map.of("id", "203"),
                READER).body().get("presence").asText()).isEqualTo("busy"));

        assertThat(api.json("POST", CALLS + "/{callId}/clear", Map.of("id", "203", "callId", callId), CONTROLLER,
                null).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.get(CALLS, Map.of("id", "203"),
                READER).body().get("calls")).isEmpty());

        ApiClient.Answer refused = api.json("POST", CALLS, Map.of("id", "204"), CONTROLLER, "{\"to\":\"201\"}");
        assertThat(refused.status()).as("204 is no device of the PBX").isEqualTo(502);
        assertThat(refused.body().get("cstaError").asText()).isEqualTo("operation/invalidCallingDeviceID");
    }

    @Test
    void doNotDisturbAndForwardingGoToThePbxAndComeBack() throws Exception {
        ApiClient.Answer on = api.json("PUT", USER + "/dnd", Map.of("id", "201"), CONTROLLER, "{\"enabled\":true}");
        assertThat(on.status()).isEqualTo(200);
        boolean switchDnd = csta.inSwitch(pbx -> pbx.doNotDisturb("201"));
        assertThat(switchDnd).isTrue();
        assertThat(api.get(USER + "/dnd", Map.of("id", "201"), READER).body().get("enabled").asBoolean()).isTrue();
        assertThat(api.json("PUT", USER + "/dnd", Map.of("id", "201"), CONTROLLER, "{\"enabled\":false}").status())
                .isEqualTo(200);
        assertThat(api.get(USER + "/dnd", Map.of("id", "201"), READER).body().get("enabled").asBoolean()).isFalse();

        ApiClient.Answer forward = api.json("PUT", USER + "/forwarding", Map.of("id", "202"), CONTROLLER,
                "{\"type\":\"immediate\",\"enabled\":true,\"to\":\"203\"}");
        assertThat(forward.status()).as(forward.raw().body()).isEqualTo(200);
        ApiClient.Answer list = api.get(USER + "/forwarding", Map.of("id", "202"), READER);
        assertThat(list.body().get("forwardings")).anySatisfy(entry -> {
            assertThat(entry.get("type").asText()).isEqualTo("immediate");
            assertThat(entry.get("enabled").asBoolean()).isTrue();
            assertThat(entry.get("to").asText()).isEqualTo("203");
        });
        ApiClient.Answer needsTarget = api.json("PUT", USER + "/forwarding", Map.of("id", "202"), CONTROLLER,
                "{\"type\":\"busy\",\"enabled\":true}");
        assertThat(needsTarget.invalidFields()).containsExactly("to");
        assertThat(api.json("PUT", USER + "/forwarding", Map.of("id", "202"), CONTROLLER,
                "{\"type\":\"immediate\",\"enabled\":false}").status()).isEqualTo(200);
    }

    @Test
    void theGsmChoiceDecidesWhereTheNextCallFromThePbxGoes() throws Exception {
        assertThat(api.get(USER + "/gsm", Map.of("id", "202"), READER).body().get("enabled").asBoolean()).isFalse();
        String gateway = "127.0.0.1:" + daemon.sipUdpPort();
        try (Sipp pbx = Sipp.client("uac-pbx-call-unavailable.xml", gateway, dir, "-s", "202", "-i", PBX_IP)) {
            assertThat(pbx.awaitExit(30)).as("GSM off: no client, so 480; " + pbx.output()).isZero();
        }

        ApiClient.Answer on = api.json("PUT", USER + "/gsm", Map.of("id", "202"), CONTROLLER, "{\"enabled\":true}");
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.body().get("number").asText()).isEqualTo("+41799990000");
        assertThat(api.json("PUT", USER + "/gsm", Map.of("id", "201"), CONTROLLER, "{\"enabled\":true}").status())
                .as("201 has no GSM number").isEqualTo(409);

        try (Sipp route = Sipp.server("uas-pbx-gsm-route.xml", dir, "-i", PBX_IP, "-p", Integer.toString(pbxRoutePort))) {
            try (Sipp pbx = Sipp.client("uac-pbx-call.xml", gateway, dir, "-s", "202", "-i", PBX_IP)) {
                assertThat(pbx.awaitExit(30)).as(pbx.output() + route.output()).isZero();
            }
            assertThat(route.awaitExit(30)).as(route.output()).isZero();
        }
        assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_calls_rules_total{rule=\"gsm-routed\"} 1.0");

        assertThat(announceCallThrough("202", "0791112233").body().get("validForSeconds").asLong()).isEqualTo(60);
    }

    @Test
    void aDialInFromTheUsersGsmIsConnectedOnceToTheAnnouncedDestinationAsTheUser() throws Exception {
        announceCallThrough("202", "+41312223344");
        // The route's scenario checks the leg on the wire: Request-URI and To 00041312223344 (outgoing
        // route 0, + as 00), From and P-Asserted-Identity "Gina Mobile" <sip:202@PBX>, no trace of the GSM.
        try (Sipp route = Sipp.server("uas-pbx-call-through-route.xml", dir, "-i", PBX_IP,
                "-p", Integer.toString(pbxRoutePort))) {
            assertThat(dialIn("0799990000")).as("the PBX presents the GSM in national form, the directory in E.164")
                    .contains("final=SIP/2.0 200 OK|");
            assertThat(route.awaitExit(30)).as(route.output()).isZero();
        }
        String used = "cloudgate_calls_rules_total{rule=\"call-through\"} 1.0";
        assertThat(CloudgateProcess.scrape(admin)).contains(used,
                "cloudgate_calls_started_total{kind=\"call-through\"} 1.0");

        double refused = CloudgateProcess.sample(CloudgateProcess.scrape(admin), NO_DESTINATION);
        assertThat(dialIn("+41799990000")).as("an announcement serves one dial-in")
                .contains("final=SIP/2.0 403 Forbidden|");
        String metrics = CloudgateProcess.scrape(admin);
        assertThat(metrics).contains(used);
        assertThat(CloudgateProcess.sample(metrics, NO_DESTINATION)).isEqualTo(refused + 1);
    }

    @Test
    void aDialInFromANumberThatIsNoUsersGsmIsRefusedAsOneWithoutDestinationIs() throws Exception {
        announceCallThrough("202", "+41312223344");
        String before = CloudgateProcess.scrape(admin);
        assertThat(dialIn("0791112233")).contains("final=SIP/2.0 403 Forbidden|");
        String after = CloudgateProcess.scrape(admin);
        assertThat(CloudgateProcess.sample(after, UNKNOWN_CALLER)).isEqualTo(CloudgateProcess.sample(before, UNKNOWN_CALLER) + 1);
        assertThat(CloudgateProcess.sample(after, NO_DESTINATION)).isEqualTo(CloudgateProcess.sample(before, NO_DESTINATION));
    }

    /** Announces {@code destination} for {@code user}'s call-through dial-in; the answer names the number to dial. */
    private ApiClient.Answer announceCallThrough(String user, String destination) throws Exception {
        ApiClient.Answer announced = api.json("POST", USER + "/call-through", Map.of("id", user), CONTROLLER,
                "{\"to\":\"" + destination + "\"}");
        assertThat(announced.status()).as(announced.raw().body()).isEqualTo(200);
        assertThat(announced.body().get("dialIn").asText()).isEqualTo(CALL_THROUGH_NUMBER);
        return announced;
    }

    /**
     * The PBX delivers a call from {@code cli} to the call-through number, which SIPp keeps a
     * second if answered. Returns SIPp's log, with the final status line it got.
     */
    private String dialIn(String cli) throws Exception {
        Path log = Files.createTempFile(dir, "dial-in-", ".log");
        try (Sipp pbx = Sipp.client("uac-pbx-call-through-dial-in.xml", "127.0.0.1:" + daemon.sipUdpPort(), dir,
                "-s", CALL_THROUGH_NUMBER, "-key", "cli", cli, "-i", PBX_IP, "-trace_logs", "-log_file", log.toString())) {
            assertThat(pbx.awaitExit(30)).as(pbx.output()).isZero();
        }
        return Files.readString(log);
    }

    /** Last: the PBX's CSTA service goes away, and comes back for whatever runs after. */
    @Test
    @Order(Integer.MAX_VALUE)
    void withTheCstaLinkDownCallControlIs503WithRetryAfter() throws Exception {
        csta.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(CloudgateProcess.scrape(admin)).doesNotContain("cloudgate_csta_link_state 2.0"));
            ApiClient.Answer down = api.json("POST", CALLS, Map.of("id", "201"), CONTROLLER, "{\"to\":\"203\"}");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body().get("type").asText()).isEqualTo("urn:cloudgate:problem:csta-link-down");
            assertThat(Integer.parseInt(down.header("Retry-After"))).isPositive();
            assertThat(api.get(USER + "/dnd", Map.of("id", "201"), READER).status()).isEqualTo(503);
            assertThat(api.get(USER, Map.of("id", "201"), READER).status()).as("the directory still answers")
                    .isEqualTo(200);
        } finally {
            csta.start();
        }
    }

    @Test
    void theApiIsCountedWithoutTokensInMetricsOrLog() throws Exception {
        api.get("/api/v1/users", Map.of(), READER);
        api.get("/api/v1/users", Map.of(), "forged-1234567890abcdef");
        ApiClient.Answer document = api.get("/api/v1/openapi", Map.of(), READER);
        assertThat(document.raw().body()).startsWith("openapi: 3.1.0");
        String metrics = CloudgateProcess.scrape(admin);
        assertThat(metrics).contains(
                "cloudgate_api_requests_total{method=\"GET\",route=\"/api/v1/users\",status=\"2xx\"}",
                "cloudgate_api_rejections_total{reason=\"unknown-token\"}");
        String ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(ready).contains("{\"name\":\"api-http\",\"status\":\"UP\"");
        for (String secret : List.of(READER, CONTROLLER, LIMITED, "forged-1234567890abcdef", PASSWORD)) {
            assertThat(metrics).doesNotContain(secret);
            assertThat(daemon.output()).doesNotContain(secret);
        }
    }
}
