package org.cloudgate.distribution;

import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.csta.link.CstaTestServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daemon's CSTA link against a scripted PBX CSTA service, in both encodings: the link comes
 * up, every onboarded user's device is monitored, and a device refused by the PBX's monitor limit
 * shows in the log, the metrics and the readiness detail.
 */
@Timeout(120)
class DaemonCstaIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void onboardedUsersAreMonitoredAndTheMonitorLimitIsReported(CstaEncoding encoding) throws Exception {
        try (CstaTestServer pbx = new CstaTestServer(encoding)) {
            Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                    cloudgate {
                      admin.port = 0
                      sip { udp.port = 0, tcp.port = 0 }
                      pbx { host = "127.0.0.1", username = "cloudgate", password = "%s" }
                      csta { enabled = true, port = %d, encoding = %s, monitor-retry = 1s }
                      directory {
                        licences = 5
                        users = [
                          { extension = "201", name = "Alice Example", email = "alice@example.com", password = "a" }
                          { extension = "999", name = "Zed Example", email = "zed@example.com", password = "z" }
                          { extension = "202", name = "Bob Example", password = "b" }
                        ]
                      }
                    }
                    """.formatted(CstaTestServer.PASSWORD, pbx.port(), encoding.name().toLowerCase()));
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    String ready = get(admin + "/health/ready");
                    assertThat(ready).contains("{\"name\":\"csta\",\"status\":\"UP\",\"detail\":\"link up to 127.0.0.1:"
                            + pbx.port() + " (" + encoding.name().toLowerCase() + "), 1 devices monitored, 1 refused by "
                            + "the PBX's monitor limit (too few CSTA licences)\"}");
                });
                String metrics = get(admin + "/metrics");
                assertThat(metrics).contains("cloudgate_csta_link_state 2.0", "cloudgate_csta_monitors_active 1.0",
                        "cloudgate_csta_monitors_refused 1.0");
                // the snapshot of 201 shows one connected call; 999 is refused and stays available
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(admin + "/metrics"))
                        .contains("cloudgate_csta_presence{state=\"busy\"} 1.0",
                                "cloudgate_csta_presence{state=\"available\"} 1.0"));
                assertThat(daemon.output()).contains("CSTA link to 127.0.0.1:" + pbx.port() + " is up")
                        .doesNotContain(CstaTestServer.PASSWORD);
            }
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
