package org.cloudgate.distribution;

import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * "Enable keep alive": the daemon probes the PBX with OPTIONS over UDP and with CRLF pings over
 * TCP (RFC 5626); the PBX link is up while it answers and down once the probes go unanswered, in
 * /health/ready, the metrics and the log. The daemon's own TCP listener answers pings.
 */
@Timeout(120)
class DaemonPbxKeepAliveIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePbxLinkFollowsTheAnswersToKeepAliveProbes() throws Exception {
        try (Sipp pbx = Sipp.server("uas-pbx-options.xml", dir)) {
            Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                    cloudgate {
                      admin.port = 0
                      sip { udp.port = 0, tcp.port = 0, timers.t1 = 50ms }
                      pbx {
                        # A host name, which the gateway resolves (SIPp listens on 127.0.0.1).
                        host = "localhost", port = %d, username = "gw", password = "x"
                        keep-alive { interval = 1s, failures = 2 }
                      }
                    }
                    """.formatted(pbx.port()));
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(admin + "/health/ready"))
                        .contains("{\"name\":\"pbx\",\"status\":\"UP\",\"detail\":\"PBX localhost:" + pbx.port()
                                + " up (last probe: 200 OK)\"}"));
                assertThat(pbx.awaitExit(20)).as(pbx.output()).isZero();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(admin + "/health/ready"))
                        .startsWith("{\"status\":\"DOWN\"")
                        .contains("{\"name\":\"pbx\",\"status\":\"DOWN\",\"detail\":\"PBX localhost:" + pbx.port()
                                + " down (last probe: 408 Request Timeout)\"}"));
                assertThat(get(admin + "/metrics")).contains("cloudgate_pbx_link_up 0.0");
                assertThat(daemon.output()).contains("answers keep-alive probes", "does not answer: 2 keep-alive probes");
            }
        }
    }

    @Test
    void overTcpThePbxLinkFollowsThePongsToCrlfKeepAlivePings() throws Exception {
        try (PongingPeer pbx = new PongingPeer()) {
            Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                    cloudgate {
                      admin.port = 0
                      sip { udp.port = 0, tcp.port = 0 }
                      pbx {
                        host = "127.0.0.1", port = %d, transport = tcp, username = "gw", password = "x"
                        keep-alive { interval = 1s, failures = 2 }
                      }
                    }
                    """.formatted(pbx.port()));
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();
                String pbxCheck = "{\"name\":\"pbx\",\"status\":\"%s\",\"detail\":\"PBX 127.0.0.1:" + pbx.port();

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(admin + "/health/ready"))
                        .contains(pbxCheck.formatted("UP") + " up (last probe: pong)\"}"));
                assertThat(get(admin + "/metrics")).contains("cloudgate_pbx_link_up 1.0");
                assertThat(pbx.noise()).as("octets other than pings").isEmpty();

                pbx.answering = false;
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(admin + "/health/ready"))
                        .startsWith("{\"status\":\"DOWN\"")
                        .contains(pbxCheck.formatted("DOWN") + " down (last probe: no pong"));
                assertThat(get(admin + "/metrics")).contains("cloudgate_pbx_link_up 0.0");
                assertThat(daemon.output()).contains("does not answer: 2 keep-alive probes in a row failed (no pong");

                pbx.answering = true;
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(admin + "/health/ready"))
                        .contains(pbxCheck.formatted("UP") + " up (last probe: pong)\"}"));
                assertThat(get(admin + "/metrics")).contains("cloudgate_pbx_link_up 1.0");
                assertThat(pbx.pings.get()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void withKeepAliveOffThePbxGetsNoProbeAndReadinessDoesNotDependOnIt() throws Exception {
        try (DatagramSocket pbx = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                    cloudgate {
                      admin.port = 0
                      sip { udp.port = 0, tcp.port = 0 }
                      pbx {
                        host = "127.0.0.1", port = %d, username = "gw", password = "x"
                        keep-alive { enabled = false, interval = 1s, failures = 1 }
                      }
                    }
                    """.formatted(pbx.getLocalPort()));
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();
                // Three intervals of the probes that are off: nothing reaches the PBX.
                pbx.setSoTimeout(3_000);
                assertThatThrownBy(() -> pbx.receive(new DatagramPacket(new byte[2048], 2048)))
                        .isInstanceOf(SocketTimeoutException.class);
                assertThat(get(admin + "/health/ready")).startsWith("{\"status\":\"UP\"")
                        .doesNotContain("\"name\":\"pbx\"");
                assertThat(get(admin + "/metrics")).doesNotContain("cloudgate_pbx_link_up");
            }
        }
    }

    @Test
    void theDaemonsTcpListenerAnswersAPingWithAPongAndTakesLineBreaksBetweenMessages() throws Exception {
        Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate { admin.port = 0, sip { udp.port = 0, tcp.port = 0 } }
                """);
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
            daemon.awaitReady();
            try (Socket socket = new Socket("127.0.0.1", daemon.sipTcpPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readNBytes(2)).as("RFC 5626 3.5.1 pong").isEqualTo("\r\n".getBytes(StandardCharsets.US_ASCII));

                // A lone CRLF before a request is skipped (RFC 3261 7.5), and the request is answered.
                out.write(("\r\nOPTIONS sip:127.0.0.1 SIP/2.0\r\n"
                        + "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-crlf1\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:127.0.0.1>\r\n"
                        + "Call-ID: crlf-between-messages\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                assertThat(reader.readLine()).startsWith("SIP/2.0 ");
                assertThat(reader.lines().takeWhile(line -> !line.isEmpty()))
                        .contains("Call-ID: crlf-between-messages");
            }
        }
    }

    /**
     * A PBX over TCP that only does keep-alive: answers each double CRLF ping with a single CRLF
     * pong while {@link #answering}, and keeps every other octet it gets.
     */
    private static final class PongingPeer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final StringBuffer noise = new StringBuffer();
        final AtomicInteger pings = new AtomicInteger();
        volatile boolean answering = true;

        PongingPeer() throws IOException {
            threads.execute(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket connection = server.accept();
                        threads.execute(() -> serve(connection));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        String noise() {
            return noise.toString();
        }

        private void serve(Socket connection) {
            try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
                byte[] ping = new byte[4];
                while (in.readNBytes(ping, 0, 4) == 4) {
                    if (!"\r\n\r\n".equals(new String(ping, StandardCharsets.US_ASCII))) {
                        noise.append(new String(ping, StandardCharsets.US_ASCII));
                        continue;
                    }
                    pings.incrementAndGet();
                    if (answering) {
                        out.write('\r');
                        out.write('\n');
                        out.flush();
                    }
                }
            } catch (IOException closed) {
                // the daemon went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
