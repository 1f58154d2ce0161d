package org.cloudgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.cloudgate.core.api.security.TokenHash;
import org.cloudgate.core.config.SettingsLoader;
import org.cloudgate.core.lifecycle.Daemon;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.transport.Sipp;
import org.cloudgate.testkit.csta.SimulatedCstaService;
import org.cloudgate.testkit.csta.SimulatedSwitch;
import org.cloudgate.testkit.pbx.ExtensionBehaviour;
import org.cloudgate.testkit.pbx.PbxDescription;
import org.cloudgate.testkit.pbx.RecordedMessage;
import org.cloudgate.testkit.pbx.SimulatedPbx;
import org.cloudgate.testkit.pbx.SipTerminalLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call placed for user 201 through the northbound API ({@code POST /api/v1/users/201/calls},
 * a CSTA MakeCall) against the testkit PBX whose SIP and CSTA sides act as one: the PBX rings
 * 201's terminal, which the gateway registered for 201's softphone (SIPp), the softphone answers
 * through the gateway, and a WebSocket client of the API's event stream sees 201's call and
 * presence events in order, then, after reconnecting with its last id, exactly the events it
 * missed while 202 answered and 201 hung up, both through the API too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallEventsIT {

    private static final String PBX_IP = "127.0.0.2";
    private static final String PBX_PASSWORD = "pbx-secret";
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static final String TOKEN = "call-events-it-control-token-0123456789";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> sockets = new ArrayList<>();
    private SimulatedPbx pbx;
    private SimulatedCstaService csta;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        pbx = SimulatedPbx.start(PbxDescription.builder()
                .host(PBX_IP)
                .credentials("cloudgate", PBX_PASSWORD)
                .digestAlgorithms(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5))
                .extension("201", "Alice Example", "alice@example.com", ExtensionBehaviour.ANSWER)
                .extension("202", "Bob Example", "bob@example.com", ExtensionBehaviour.ECHO)
                .build());
        csta = new SimulatedCstaService(CstaEncoding.XML, PBX_PASSWORD, new SimulatedSwitch(List.of("201", "202"), 10))
                .start();
        csta.ringTerminals(new SipTerminalLine(pbx));
        Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  lifecycle.drain-timeout = 1s
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                  pbx { host = "%s", port = %d, username = "cloudgate", password = "%s" }
                  csta { enabled = true, host = "127.0.0.1", port = %d }
                  registrar.algorithms = [md5]
                  api {
                    enabled = true
                    bind = "127.0.0.1"
                    port = 0
                    tokens = [ { name = "app", hash = "%s", scopes = [control] } ]
                  }
                  directory {
                    licences = 2
                    users = [
                      { extension = "201", name = "Alice Example", email = "alice@example.com", password = "alice-secret" }
                      { extension = "202", name = "Bob Example", email = "bob@example.com", password = "bob-secret" }
                    ]
                  }
                }
                """.formatted(PBX_IP, pbx.port(), PBX_PASSWORD, csta.port(),
                        TokenHash.create(TOKEN, TokenHash.MIN_ITERATIONS, new SecureRandom()).encoded()));
        daemon = new Daemon(new SettingsLoader().load(config), "test");
        daemon.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        if (daemon != null) {
            daemon.shutdown();
        }
        if (csta != null) {
            csta.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    private int listenerPort(String prefix) {
        for (String line : daemon.listening()) {
            int at = line.indexOf(prefix);
            if (at >= 0) {
                return Integer.parseInt(line.substring(at + prefix.length()).replaceAll("[^0-9].*", ""));
            }
        }
        throw new AssertionError("no listener " + prefix + " in " + daemon.listening());
    }

    private StreamClient connect(String lastEventId) {
        URI events = URI.create("ws://127.0.0.1:" + listenerPort("api-http http://127.0.0.1:") + "/api/v1/events?user=201");
        StreamClient client = StreamClient.connect(http, events, lastEventId, TOKEN);
        sockets.add(client.socket);
        return client;
    }

    /** A POST to the API with the control token; the answer's status must be {@code expected}. */
    private JsonNode post(String path, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + listenerPort("api-http http://127.0.0.1:") + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : new ObjectMapper().readTree(response.body());
    }

    private static Predicate<JsonNode> call(String state) {
        return event -> "call".equals(event.get("type").asText()) && state.equals(event.get("state").asText());
    }

    private static Predicate<JsonNode> presence(String presence) {
        return event -> "presence".equals(event.get("type").asText())
                && presence.equals(event.get("presence").asText());
    }

    @Test
    void aMakeCallRingsTheUsersSoftphoneThroughTheGatewayAndTheStreamResumesWithoutGaps() throws Exception {
        int softphonePort = Sipp.freeUdpPort();
        String gateway = "127.0.0.1:" + listenerPort("udp://127.0.0.1:");
        try (Sipp register = Sipp.client("softphone-register.xml", gateway, dir, "-au", "201", "-ap", "alice-secret",
                "-p", Integer.toString(softphonePort))) {
            assertThat(register.awaitExit(30)).as(register.output()).isZero();
        }
        await().atMost(WITHIN).until(() -> pbx.terminal("201").isPresent());
        await().atMost(WITHIN).until(() -> daemon.metrics().registry().get("cloudgate.csta.monitors.active").gauge()
                .value() == 2);
        StreamClient first = connect(null);

        try (Sipp softphone = Sipp.server("softphone-answer-until-bye.xml", dir, "-p",
                Integer.toString(softphonePort))) {
            String callId = post("/api/v1/users/201/calls", "{\"to\":\"202\"}", 201).get("id").asText();

            // The PBX rings 201 first: the call is "initiated" until the softphone answers through the gateway.
            List<JsonNode> seen = first.until(event -> call("connected").test(event)
                    && "202".equals(event.get("otherParty").asText()));
            assertThat(seen.get(0).get("type").asText()).isEqualTo("call");
            assertThat(seen.get(0).get("state").asText()).isEqualTo("initiated");
            assertThat(seen.get(0).get("callId").asText()).isEqualTo(callId);
            assertThat(seen).anyMatch(presence("busy"));
            assertThat(seen).allMatch(event -> "201".equals(event.get("user").asText()));
            long lastSeen = seen.get(seen.size() - 1).get("id").asLong();
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i).get("id").asLong()).isGreaterThan(seen.get(i - 1).get("id").asLong());
            }
            RecordedMessage invite = pbx.recorder().messages().stream()
                    .filter(m -> m.direction() == RecordedMessage.Direction.SENT && "INVITE".equals(m.method()))
                    .findFirst().orElseThrow();
            assertThat(invite.header("From")).contains("sip:202@");

            first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "reconnecting").join();
            first.closed.get(10, TimeUnit.SECONDS);

            // While the client is away, 202 answers and 201 hangs up, both through the API: the PBX
            // sends BYE through the gateway.
            post("/api/v1/users/202/calls/" + callId + "/answer", "", 204);
            post("/api/v1/users/201/calls/" + callId + "/clear", "", 204);
            assertThat(softphone.awaitExit(30)).as(softphone.output()).isZero();
            await().atMost(WITHIN).until(() -> daemon.events().journal().since(lastSeen, 1000).events().stream()
                    .anyMatch(event -> event.body() instanceof PresenceChanged p && p.user().equals("201")
                            && p.presence() == Presence.AVAILABLE));

            List<Long> missed = daemon.events().journal().since(lastSeen, 1000).events().stream()
                    .filter(event -> event.concerns("201")).map(StreamEvent::id).toList();
            StreamClient again = connect(Long.toString(lastSeen));
            List<JsonNode> resumed = again.until(presence("available"));
            assertThat(resumed).extracting(event -> event.get("id").asLong()).containsExactlyElementsOf(missed);
            assertThat(resumed).anyMatch(call("cleared").and(event -> "normalClearing".equals(
                    event.get("cause").asText())));
        }
    }
}
