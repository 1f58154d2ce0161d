package org.cloudgate.distribution;

import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Overload control on the wire. Heap ({@code cloudgate.service.overload-heap-percent}): at 1 percent
 * any full collection leaves the old generation "too full": after one (what {@code jcmd GC.run}
 * asks for) a new call from the PBX gets 503 without Retry-After and is counted, and once no full
 * collection has run for ten seconds the same call is routed again (480: the user has no client).
 * Retransmissions ({@code cloudgate.service.overload-retransmitted-invites-percent}): once the PBX
 * has retransmitted its INVITEs, as a caller does when the gateway's 100 Trying comes late, a share
 * of the new calls gets 503, and a few quiet seconds later every call is routed again.
 */
@Timeout(120)
class DaemonOverloadIT {

    private static final String PBX_IP = "127.0.0.2";

    @TempDir
    Path dir;

    @Test
    void newCallsGet503WhileFullCollectionsLeaveTheHeapTooFullAndAreRoutedAgainAfterwards() throws Exception {
        Path config = config("overload-heap-percent = 1");
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
            String admin = daemon.awaitReady();
            String gateway = "127.0.0.1:" + daemon.sipUdpPort();
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_overload_heap 0.0");

            fullCollection(daemon);
            await().atMost(Duration.ofSeconds(5)).until(() -> CloudgateProcess.scrape(admin)
                    .contains("cloudgate_overload_heap 1.0"));
            try (Sipp pbx = Sipp.client("uac-pbx-call-overloaded.xml", gateway, dir, "-s", "201", "-i", PBX_IP)) {
                assertThat(pbx.awaitExit(30)).as(pbx.output() + daemon.output()).isZero();
            }
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_overload_rejected_total{cause=\"heap\"} 1.0");

            await().atMost(Duration.ofSeconds(20)).until(() -> CloudgateProcess.scrape(admin)
                    .contains("cloudgate_overload_heap 0.0"));
            try (Sipp pbx = Sipp.client("uac-pbx-call-unavailable.xml", gateway, dir, "-s", "201", "-i", PBX_IP)) {
                assertThat(pbx.awaitExit(30)).as("routed again: " + pbx.output() + daemon.output()).isZero();
            }
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_overload_rejected_total{cause=\"heap\"} 1.0");
        }
    }

    @Test
    void aShareOfNewCallsGets503WhileCallersRetransmitTheirInvitesAndAllAreRoutedAgainAfterQuietSeconds() throws Exception {
        Path config = config("overload-heap-percent = 0, overload-retransmitted-invites-percent = 10");
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString());
             DatagramSocket pbx = new DatagramSocket(0, InetAddress.getByName(PBX_IP))) {
            String admin = daemon.awaitReady();
            InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", daemon.sipUdpPort());
            pbx.setSoTimeout(5000);
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_overload_retransmissions 0.0")
                    .doesNotContain("cloudgate_overload_heap");

            // Each INVITE twice again, as a caller that heard no 100 Trying: once 20 retransmissions
            // are in, a quarter of the new INVITEs get 503.
            for (int call = 0; call < 25; call++) {
                String invite = invite("late-" + call, pbx.getLocalPort());
                for (int copy = 0; copy < 3; copy++) {
                    send(pbx, gateway, invite);
                }
            }
            List<String> answers = new ArrayList<>();
            for (int probe = 0; probe < 8; probe++) {
                answers.add(finalAnswer(pbx, gateway, invite("probe-" + probe, pbx.getLocalPort())));
            }
            String metrics = CloudgateProcess.scrape(admin);
            assertThat(answers).as(metrics).anyMatch(answer -> answer.startsWith("SIP/2.0 503 Service Unavailable\r\n"))
                    .anyMatch(answer -> answer.startsWith("SIP/2.0 480 "))
                    .noneMatch(answer -> answer.contains("Retry-After"));
            double refused = CloudgateProcess.sample(metrics, "cloudgate_overload_rejected_total{cause=\"retransmissions\"}");
            assertThat(refused).as(metrics)
                    .isEqualTo(CloudgateProcess.sample(metrics, "cloudgate_sip_requests_answered_total{class=\"5xx\",method=\"invite\"}"));
            assertThat(metrics).contains("cloudgate_sip_retransmissions_absorbed_total 50.0",
                    "cloudgate_overload_rejected_total{cause=\"heap\"} 0.0");

            await().atMost(Duration.ofSeconds(15)).until(() -> CloudgateProcess.sample(CloudgateProcess.scrape(admin),
                    "cloudgate_overload_retransmissions") == 0);
            for (int probe = 0; probe < 8; probe++) {
                assertThat(finalAnswer(pbx, gateway, invite("again-" + probe, pbx.getLocalPort())))
                        .as("routed again").startsWith("SIP/2.0 480 ");
            }
            assertThat(CloudgateProcess.sample(CloudgateProcess.scrape(admin),
                    "cloudgate_overload_rejected_total{cause=\"retransmissions\"}")).isEqualTo(refused);
        }
    }

    /** A daemon that knows the PBX and user 201, with {@code service} settings. */
    private Path config(String service) throws IOException {
        return Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  service { %s }
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                  pbx { host = "%s", port = 5070, username = "201", password = "terminal-secret", keep-alive.enabled = false }
                  rtp.indirect-switching = false
                  directory {
                    licences = 5
                    users = [
                      { extension = "201", name = "Alice Example", email = "alice@example.com", password = "softphone-secret" }
                    ]
                  }
                }
                """.formatted(service, PBX_IP));
    }

    /** A call from the PBX to user 201 (who has no client: 480 when routed). */
    private static String invite(String callId, int port) {
        return "INVITE sip:201@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + PBX_IP + ":" + port + ";branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:100@" + PBX_IP + ">;tag=pbx-" + callId + "\r\n"
                + "To: <sip:201@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "@" + PBX_IP + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:100@" + PBX_IP + ":" + port + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket socket, InetSocketAddress gateway, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, gateway));
    }

    /** Sends {@code invite} and returns its final response, skipping anything for other calls. */
    private static String finalAnswer(DatagramSocket socket, InetSocketAddress gateway, String invite) throws IOException {
        send(socket, gateway, invite);
        String callId = invite.substring(invite.indexOf("Call-ID: "), invite.indexOf("\r\n", invite.indexOf("Call-ID: ")));
        byte[] buffer = new byte[8192];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (message.contains(callId + "\r\n") && !message.startsWith("SIP/2.0 1")) {
                return message;
            }
        }
    }

    private static void fullCollection(CloudgateProcess daemon) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process process = new ProcessBuilder(jcmd, Long.toString(daemon.pid()), "GC.run").redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
