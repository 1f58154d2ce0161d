package org.cloudgate.distribution;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The daemon's SIP listeners, seen from a SIP peer on the wire. */
@Timeout(120)
class DaemonSipIT {

    @TempDir
    Path dir;

    @Test
    void optionsIsAnsweredAndTheServiceSwitchTakesEffectOnReload() throws Exception {
        Path config = Files.writeString(dir.resolve("cloudgate.conf"), config(true, 0));
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString());
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            daemon.awaitReady();
            InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", daemon.sipUdpPort());
            peer.setSoTimeout(5000);

            String ok = exchange(peer, gateway, options("z9hG4bK-probe1"));
            assertThat(ok).startsWith("SIP/2.0 200 OK\r\n").contains("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, REFER, NOTIFY\r\n", "branch=z9hG4bK-probe1");
            assertThat(exchange(peer, gateway, request("REGISTER", "z9hG4bK-register1")))
                    .as("a registration is taken up: challenged").startsWith("SIP/2.0 401 ");
            assertThat(finalAnswer(peer, gateway, request("INVITE", "z9hG4bK-invite1")))
                    .as("a call is taken up: challenged").startsWith("SIP/2.0 407 ");

            Files.writeString(config, config(false, 0));
            daemon.signal("HUP");
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.output().contains("cloudgate.service.enabled changed"));

            String refused = exchange(peer, gateway, options("z9hG4bK-probe2"));
            assertThat(refused).startsWith("SIP/2.0 503 Service Unavailable\r\n").contains("Retry-After: 30\r\n");
            for (String method : new String[] {"REGISTER", "INVITE"}) {
                assertThat(finalAnswer(peer, gateway, request(method, "z9hG4bK-off-" + method)))
                        .as(method).startsWith("SIP/2.0 503 Service Unavailable\r\n").contains("Retry-After: 30\r\n");
            }
        }
    }

    @Test
    void garbageGetsNoAnswerAndAMalformedRequestGets400() throws Exception {
        Path config = Files.writeString(dir.resolve("cloudgate.conf"), config(true, 0));
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString());
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            daemon.awaitReady();
            InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", daemon.sipUdpPort());
            peer.setSoTimeout(5000);

            send(peer, gateway, "\u0000\u0001 not sip at all");
            String answer = exchange(peer, gateway, options("z9hG4bK-probe3").replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS"));

            assertThat(answer).startsWith("SIP/2.0 400 ");
            assertThat(daemon.isAlive()).isTrue();
        }
    }

    @Test
    void aSipPortInUseNamesTheKeyAndExitsNonZero() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("cloudgate.conf"), config(true, taken.getLocalPort()));
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                int code = daemon.awaitExit(Duration.ofSeconds(30));

                assertThat(code).isNotZero().isNotEqualTo(78);
                assertThat(daemon.output()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                        + " for SIP over UDP", "set by cloudgate.sip.udp.port, " + config + ":5");
            }
        }
    }

    private static String config(boolean enabled, int udpPort) {
        return "cloudgate {\n"
                + "  service.enabled = " + enabled + "\n"
                + "  admin.port = 0\n"
                + "  sip.tcp.port = 0\n"
                + "  sip.udp.port = " + udpPort + "\n"
                + "}\n";
    }

    private static String options(String branch) {
        return request("OPTIONS", branch);
    }

    /** A request of user 201 without credentials. */
    private static String request(String method, String branch) {
        return method + " sip:201@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:201@127.0.0.1>;tag=p1\r\n"
                + "To: <sip:201@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:201@127.0.0.1:5999>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket peer, InetSocketAddress gateway, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(bytes, bytes.length, gateway));
    }

    /** The first final response to {@code request}, past any 100 Trying. */
    private static String finalAnswer(DatagramSocket peer, InetSocketAddress gateway, String request)
            throws IOException {
        String answer = exchange(peer, gateway, request);
        while (answer.startsWith("SIP/2.0 1")) {
            answer = receive(peer);
        }
        return answer;
    }

    private static String exchange(DatagramSocket peer, InetSocketAddress gateway, String request) throws IOException {
        send(peer, gateway, request);
        return receive(peer);
    }

    private static String receive(DatagramSocket peer) throws IOException {
        byte[] buffer = new byte[8192];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        peer.receive(answer);
        return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
    }
}
