package org.cloudgate.distribution;

import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
 * "Enable keep alive": the daemon probes the PBX with OPTIONS; the PBX link is up while it
 * answers and down once the probes go unanswered, in /health/ready, the metrics and the log.
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
                        host = "127.0.0.1", port = %d, username = "gw", password = "x"
                        keep-alive { interval = 1s, failures = 2 }
                      }
                    }
                    """.formatted(pbx.port()));
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(admin + "/health/ready"))
                        .contains("{\"name\":\"pbx\",\"status\":\"UP\",\"detail\":\"PBX 127.0.0.1:" + pbx.port()
                                + " up (last probe: 200 OK)\"}"));
                assertThat(pbx.awaitExit(20)).as(pbx.output()).isZero();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(admin + "/health/ready"))
                        .startsWith("{\"status\":\"DOWN\"")
                        .contains("{\"name\":\"pbx\",\"status\":\"DOWN\",\"detail\":\"PBX 127.0.0.1:" + pbx.port()
                                + " down (last probe: 408 Request Timeout)\"}"));
                assertThat(get(admin + "/metrics")).contains("cloudgate_pbx_link_up 0.0");
                assertThat(daemon.output()).contains("answers keep-alive probes", "does not answer: 2 keep-alive probes");
            }
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
