package org.cloudgate.distribution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The daemon run as a process from {@code bin/cloudgate}, as systemd runs it. */
@Timeout(120)
class DaemonProcessIT {

    private static final Duration DRAIN = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void checkConfigReportsEveryMistakeWithFileAndLineAndExits78() throws Exception {
        Path file = Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.prot = 9091
                  pbx.host = [1, 2]
                  lifecycle.drain-timeout = "soon"
                  pbx.transport = "sctp"
                  pbx.port = 0
                }
                """);
        try (CloudgateProcess check = CloudgateProcess.start(dir, "--check-config", file.toString())) {
            assertThat(check.awaitExit(Duration.ofSeconds(30))).isEqualTo(78);
            assertThat(check.output().lines()).containsExactly(
                    file + ":2: cloudgate.admin.prot: unknown key (did you mean cloudgate.admin.port?)",
                    file + ":3: cloudgate.pbx.host: expected a string, got a list",
                    file + ":4: cloudgate.lifecycle.drain-timeout: bad duration \"soon\": use a number and a unit "
                            + "(ms, s, m, h, d), e.g. 10s",
                    file + ":5: cloudgate.pbx.transport: unknown value \"sctp\", must be one of udp, tcp, udp-or-tcp",
                    file + ":6: cloudgate.pbx.port: 0 is out of range, must be between 1 and 65535",
                    file + ": 5 configuration problems");
        }
    }

    @Test
    void theShippedConfigurationIsValid() throws Exception {
        Path shipped = CloudgateProcess.home().resolve("conf/cloudgate.conf");
        try (CloudgateProcess check = CloudgateProcess.start(dir, "--check-config", shipped.toString())) {
            assertThat(check.awaitExit(Duration.ofSeconds(30))).as(check.output()).isZero();
        }
    }

    @Test
    void badArgumentsExit64WithUsage() throws Exception {
        try (CloudgateProcess bad = CloudgateProcess.start(dir, "--configure", "x")) {
            assertThat(bad.awaitExit(Duration.ofSeconds(30))).isEqualTo(64);
            assertThat(bad.output()).contains("unknown option --configure", "Usage: cloudgate --config FILE");
        }
    }

    @Test
    void servesValidPrometheusTextAndHealth() throws Exception {
        Path config = writeConfig(0, true);
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
            String admin = daemon.awaitReady();

            HttpResponse<String> metrics = get(admin + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            List<String> samples = PrometheusExposition.sampleNames(metrics.body());
            assertThat(samples).anyMatch(name -> name.startsWith("jvm_"))
                    .anyMatch(name -> name.startsWith("process_"))
                    .contains("process_resident_memory_bytes", "cloudgate_ready", "cloudgate_config_reloads_total");
            promtoolAccepts(metrics.body());

            HttpResponse<String> ready = get(admin + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"name\":\"admin-http\",\"status\":\"UP\",\"detail\":\"" + admin + "\"");
        }
    }

    @Test
    void sighupWithABrokenFileKeepsServingAndSaysWhy() throws Exception {
        Path config = writeConfig(0, true);
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
            String admin = daemon.awaitReady();

            Files.writeString(config, "cloudgate.admin.port = \"nine\"\ncloudgate.service.enabeld = false\n");
            daemon.signal("HUP");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(daemon.output())
                    .contains("reload rejected, the running settings stay in force")
                    .contains(config + ":1: cloudgate.admin.port: expected a whole number, got \"nine\"")
                    .contains(config + ":2: cloudgate.service.enabeld: unknown key (did you mean "
                            + "cloudgate.service.enabled?)"));
            String metrics = get(admin + "/metrics").body();
            assertThat(metrics).contains("cloudgate_config_reloads_total{result=\"failure\"} 1",
                    "cloudgate_service_enabled 1");
            assertThat(daemon.isAlive()).isTrue();

            Files.writeString(config, configText(1, false));
            daemon.signal("HUP");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(daemon.output())
                    .contains("cloudgate.service.enabled changed (" + config + ":2): applied")
                    .contains("cloudgate.admin.port changed (" + config + ":4): needs a restart to take effect"));
            assertThat(get(admin + "/metrics").body()).contains(
                    "cloudgate_config_reloads_total{result=\"success\"} 1", "cloudgate_service_enabled 0");
        }
    }

    @Test
    void sigtermStopsWithinTheDrainTime() throws Exception {
        Path config = writeConfig(0, true);
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
            daemon.awaitReady();

            long started = System.nanoTime();
            daemon.terminate();
            int code = daemon.awaitExit(DRAIN.plusSeconds(5));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(code).isIn(0, 143);
            assertThat(tookMillis).isLessThan(DRAIN.plusSeconds(5).toMillis());
            assertThat(daemon.output()).contains("stopping: draining for at most 3.0 s", "stopped");
        }
    }

    @Test
    void aPortInUseNamesThePortAndTheKeyAndExitsNonZero() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path config = writeConfig(taken.getLocalPort(), true);
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                int code = daemon.awaitExit(Duration.ofSeconds(30));

                assertThat(code).isNotZero().isNotEqualTo(78);
                assertThat(daemon.output()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                        + " for the admin HTTP listener", "set by cloudgate.admin.port, " + config + ":4");
            }
        }
    }

    private Path writeConfig(int adminPort, boolean enabled) throws IOException {
        return Files.writeString(dir.resolve("cloudgate.conf"), configText(adminPort, enabled));
    }

    private static String configText(int adminPort, boolean enabled) {
        return "cloudgate {\n"
                + "  service.enabled = " + enabled + "\n"
                + "  admin.bind = \"127.0.0.1\"\n"
                + "  admin.port = " + adminPort + "\n"
                + "  lifecycle.drain-timeout = " + DRAIN.toSeconds() + "s\n"
                + "  sip.udp.port = 0\n"
                + "  sip.tcp.port = 0\n"
                + "}\n";
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * promtool, from Debian's prometheus package that CI installs, is the reference checker. Exit 1
     * is a format error; exit 3 is lint advice, acceptable only for the two standard Micrometer
     * series whose names Micrometer's own dashboards depend on.
     */
    private static void promtoolAccepts(String exposition) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            return;
        }
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as("promtool check metrics: " + report).isIn(0, 3);
        assertThat(report.lines()).as("promtool lint advice")
                .allMatch(line -> line.startsWith("process_cpu_time_ns_total ") || line.startsWith("system_cpu_count "));
    }
}
