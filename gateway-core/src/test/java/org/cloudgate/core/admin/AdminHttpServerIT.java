package org.cloudgate.core.admin;

import org.cloudgate.core.config.GatewaySettings;
import org.cloudgate.core.config.SettingsLoader;
import org.cloudgate.core.lifecycle.Daemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin listener over a real socket, inside a running daemon. */
@Timeout(30)
class AdminHttpServerIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Daemon daemon;
    private String base;

    @BeforeEach
    void startDaemon() throws Exception {
        Path file = Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate.admin.port = 0
                cloudgate.sip.udp.port = 0
                cloudgate.sip.tcp.port = 0
                cloudgate.event-loops.threads = 1
                cloudgate.lifecycle.drain-timeout = 1s
                """);
        GatewaySettings settings = new SettingsLoader().load(file);
        daemon = new Daemon(settings, "test");
        daemon.start();
        base = daemon.listening().get(0).substring("admin-http ".length());
    }

    @AfterEach
    void stopDaemon() {
        daemon.shutdown();
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE jvm_memory_used_bytes gauge", "process_uptime_seconds",
                "process_resident_memory_bytes", "cloudgate_ready 1", "executor_");
    }

    @Test
    void readyListsEveryCheckAndFollowsThem() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"", "{\"name\":\"admin-http\",\"status\":\"UP\",\"detail\":\""
                + base + "\"}");

        daemon.readiness().report("sip-udp", false, "cannot bind 127.0.0.1:5060");
        HttpResponse<String> notReady = get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"status\":\"DOWN\"",
                "{\"name\":\"sip-udp\",\"status\":\"DOWN\",\"detail\":\"cannot bind 127.0.0.1:5060\"}");
        assertThat(get("/metrics").body()).contains("cloudgate_ready 0");
    }

    @Test
    void liveAnswersWhileTheProcessRuns() throws Exception {
        assertThat(get("/health/live").body()).isEqualTo("{\"status\":\"UP\"}\n");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        assertThat(get("/admin").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).contains("GET, HEAD");
        assertThat(get("/metrics").body())
                .contains("cloudgate_admin_requests_total{endpoint=\"unknown\",status=\"404\"} 1")
                .contains("cloudgate_admin_requests_total{endpoint=\"metrics\",status=\"405\"} 1");
    }

    @Test
    void headGetsHeadersOnly() throws Exception {
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base + "/health/live"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
