package org.cloudgate.distribution;

import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Overload control ({@code cloudgate.service.overload-heap-percent}) on the wire. At 1 percent any
 * full collection leaves the old generation "too full": after one (what {@code jcmd GC.run} asks
 * for) a new call from the PBX gets 503 without Retry-After and is counted, and once no full
 * collection has run for ten seconds the same call is routed again (480: the user has no client).
 */
@Timeout(120)
class DaemonOverloadIT {

    private static final String PBX_IP = "127.0.0.2";

    @TempDir
    Path dir;

    @Test
    void newCallsGet503WhileFullCollectionsLeaveTheHeapTooFullAndAreRoutedAgainAfterwards() throws Exception {
        Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  service.overload-heap-percent = 1
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
                """.formatted(PBX_IP));
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
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_overload_rejected_total 1.0");

            await().atMost(Duration.ofSeconds(20)).until(() -> CloudgateProcess.scrape(admin)
                    .contains("cloudgate_overload_heap 0.0"));
            try (Sipp pbx = Sipp.client("uac-pbx-call-unavailable.xml", gateway, dir, "-s", "201", "-i", PBX_IP)) {
                assertThat(pbx.awaitExit(30)).as("routed again: " + pbx.output() + daemon.output()).isZero();
            }
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_overload_rejected_total 1.0");
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
