package org.cloudgate.distribution;

import org.cloudgate.sip.trace.Tshark;
import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SIP trace of the running daemon, read by tshark and sngrep as an operator would: a softphone's digest
 * registration over UDP (SIPp) and an OPTIONS over TCP are decoded whole, and a reload switches
 * the trace on and off.
 */
@Timeout(120)
class DaemonSipTraceIT {

    private static final Pattern UDP_LISTENER = Pattern.compile("sip\\+udp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern TCP_LISTENER = Pattern.compile("sip\\+tcp://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private String config(boolean trace) {
        return """
                cloudgate {
                  admin.port = 0
                  lifecycle.drain-timeout = 1s
                  sip {
                    udp.port = 0
                    tcp.port = 0
                    trace { enabled = %s, file = "%s", max-file-size = 1MiB, max-files = 2 }
                  }
                  registrar.algorithms = [md5]
                  directory {
                    licences = 1
                    users = [{ extension = "201", name = "Alice Example", email = "alice@example.com", password = "softphone-secret" }]
                  }
                }
                """.formatted(trace, dir.resolve("sip-trace.pcap"));
    }

    @Test
    void aRegistrationWithDigestAndAnOptionsOverTcpAreDecodedWhole() throws Exception {
        Path config = Files.writeString(dir.resolve("cloudgate.conf"), config(true));
        Path trace = dir.resolve("sip-trace.pcap");
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
            String admin = daemon.awaitReady();
            int udp = port(UDP_LISTENER, daemon.output());
            int tcp = port(TCP_LISTENER, daemon.output());

            try (Sipp alice = Sipp.client("uac-softphone-register.xml", "127.0.0.1:" + udp, dir,
                    "-s", "201", "-au", "201", "-ap", "softphone-secret")) {
                assertThat(alice.awaitExit(30)).as(alice.output()).isZero();
            }
            assertThat(tcpStatusLine(tcp, options("tcp-options"))).isEqualTo("SIP/2.0 200 OK");
            String metrics = CloudgateProcess.scrape(admin);
            assertThat(metrics).contains("cloudgate_sip_trace_active 1.0",
                    "cloudgate_sip_trace_dropped_total{reason=\"queue-full\"} 0.0");
            assertThat(daemon.output()).contains("SIP trace on: writing " + trace);

            daemon.terminate();
            daemon.awaitExit(Duration.ofSeconds(30));
        }

        Tshark tshark = Tshark.reading(trace);
        assertThat(tshark.fields("sip && udp", "sip.CSeq", "sip.Status-Code").stream().distinct())
                .containsExactly("1 REGISTER\t", "1 REGISTER\t401", "2 REGISTER\t", "2 REGISTER\t200",
                        "3 REGISTER\t", "3 REGISTER\t401", "4 REGISTER\t", "4 REGISTER\t200");
        assertThat(tshark.fields("sip && tcp", "sip.Method", "sip.Status-Code", "sip.Call-ID"))
                .containsExactly("OPTIONS\t\ttcp-options@127.0.0.1", "\t200\ttcp-options@127.0.0.1");
        assertThat(tshark.fields("sip.Status-Code == 200 && sip.CSeq.method == \"REGISTER\"", "sip.Contact"))
                .isNotEmpty();
        assertThat(tshark.problems()).isEmpty();
        assertThat(Command.run(Duration.ofSeconds(30), "sngrep", "-I", trace.toString(), "-N")
                .expectSuccess("sngrep")).as("the registration and the OPTIONS").contains("Dialog count: 2");
    }

    @Test
    void aReloadSwitchesTheTraceOnAndOff() throws Exception {
        Path config = Files.writeString(dir.resolve("cloudgate.conf"), config(false));
        Path trace = dir.resolve("sip-trace.pcap");
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString());
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            daemon.awaitReady();
            InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", port(UDP_LISTENER, daemon.output()));
            peer.setSoTimeout(5000);

            assertThat(exchange(peer, gateway, options("before"))).startsWith("SIP/2.0 200 OK");
            assertThat(trace).doesNotExist();

            Files.writeString(config, config(true));
            daemon.signal("HUP");
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.output().contains("SIP trace on"));
            assertThat(daemon.output()).contains("cloudgate.sip.trace.enabled changed");
            assertThat(exchange(peer, gateway, options("while-on"))).startsWith("SIP/2.0 200 OK");

            Files.writeString(config, config(false));
            daemon.signal("HUP");
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.output().contains("SIP trace off"));
            assertThat(exchange(peer, gateway, options("after"))).startsWith("SIP/2.0 200 OK");

            daemon.terminate();
            daemon.awaitExit(Duration.ofSeconds(30));
            assertThat(daemon.output()).doesNotContain("needs a restart");
        }

        assertThat(Tshark.reading(trace).fields("sip", "sip.Method", "sip.Status-Code", "sip.Call-ID"))
                .containsExactly("OPTIONS\t\twhile-on@127.0.0.1", "\t200\twhile-on@127.0.0.1");
    }

    private static int port(Pattern listener, String output) {
        Matcher m = listener.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String options(String callId) {
        return "OPTIONS sip:gateway@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=p1\r\n"
                + "To: <sip:gateway@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String exchange(DatagramSocket peer, InetSocketAddress gateway, String request)
            throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(bytes, bytes.length, gateway));
        DatagramPacket answer = new DatagramPacket(new byte[8192], 8192);
        peer.receive(answer);
        return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
    }

    private static String tcpStatusLine(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.replace("SIP/2.0/UDP", "SIP/2.0/TCP")
                    .getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }
}
