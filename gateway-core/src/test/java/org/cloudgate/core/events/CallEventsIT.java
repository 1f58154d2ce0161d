package org.cloudgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.cloudgate.core.config.SettingsLoader;
import org.cloudgate.core.lifecycle.Daemon;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.control.CallControl;
import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.csta.link.CstaLink;
import org.cloudgate.csta.link.CstaLinkSettings;
import org.cloudgate.csta.link.LinkState;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.monitor.EventRouter;
import org.cloudgate.csta.xml.XmlNamespaces;
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
 * A call placed for user 201 through CSTA (MakeCall, as the northbound API does) against the
 * testkit PBX whose SIP and CSTA sides act as one: the PBX rings 201's terminal, which the
 * gateway registered for 201's softphone (SIPp), the softphone answers through the gateway, and a
 * WebSocket client of the daemon's event stream sees 201's call and presence events in order,
 * then, after reconnecting with its last id, exactly the events it missed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallEventsIT {

    private static final String PBX_IP = "127.0.0.2";
    private static final String PBX_PASSWORD = "pbx-secret";
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> sockets = new ArrayList<>();
    private SimulatedPbx pbx;
    private SimulatedCstaService csta;
    private Daemon daemon;
    private CstaLink link;
    private StreamServer httpServer;

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
                  directory {
                    licences = 2
                    users = [
                      { extension = "201", name = "Alice Example", email = "alice@example.com", password = "alice-secret" }
                      { extension = "202", name = "Bob Example", email = "bob@example.com", password = "bob-secret" }
                    ]
                  }
                }
                """.formatted(PBX_IP, pbx.port(), PBX_PASSWORD, csta.port()));
        daemon = new Daemon(new SettingsLoader().load(config), "test");
        daemon.start();
        httpServer = new StreamServer(group, daemon::events, 0);
        EventRouter router = new EventRouter();
        link = new CstaLink(new CstaLinkSettings("127.0.0.1", csta.port(), CstaEncoding.XML, "cloudgate", PBX_PASSWORD,
                XmlNamespaces.ED5, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(50),
                Duration.ofMillis(500), CstaLinkSettings.DEFAULT_MAX_FRAME_LENGTH), group, router,
                new SimpleMeterRegistry());
        link.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        if (link != null) {
            link.stop().get(5, TimeUnit.SECONDS);
        }
        if (httpServer != null) {
            httpServer.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
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

    private int gatewaySipPort() {
        for (String line : daemon.listening()) {
            int at = line.indexOf("udp://127.0.0.1:");
            if (at >= 0) {
                return Integer.parseInt(line.substring(at + "udp://127.0.0.1:".length()).trim());
            }
        }
        throw new AssertionError("no SIP UDP listener in " + daemon.listening());
    }

    private StreamClient connect(String lastEventId) {
        StreamClient client = StreamClient.connect(http, httpServer.uri("?user=201"), lastEventId);
        sockets.add(client.socket);
        return client;
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
        String gateway = "127.0.0.1:" + gatewaySipPort();
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
            CallControl control = new CallControl(link);
            await().atMost(WITHIN).until(() -> link.state() == LinkState.UP);
            ConnectionId calling = control.makeCall("201", "202").get(10, TimeUnit.SECONDS);

            // The PBX rings 201 first: the call is "initiated" until the softphone answers through the gateway.
            List<JsonNode> seen = first.until(event -> call("connected").test(event)
                    && "202".equals(event.get("otherParty").asText()));
            assertThat(seen.get(0).get("type").asText()).isEqualTo("call");
            assertThat(seen.get(0).get("state").asText()).isEqualTo("initiated");
            assertThat(seen.get(0).get("callId").asText()).isEqualTo(calling.callId());
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

            // While the client is away, 202 answers and 201 hangs up: the PBX sends BYE through the gateway.
            ConnectionId alerting = new ConnectionId(calling.callId(), "202");
            control.answerCall(alerting).get(10, TimeUnit.SECONDS);
            control.clearConnection(calling).get(10, TimeUnit.SECONDS);
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
