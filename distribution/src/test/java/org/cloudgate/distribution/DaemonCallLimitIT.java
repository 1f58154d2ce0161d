package org.cloudgate.distribution;

import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.transport.Sipp;
import org.cloudgate.testkit.pbx.ExtensionBehaviour;
import org.cloudgate.testkit.pbx.PbxCall;
import org.cloudgate.testkit.pbx.PbxDescription;
import org.cloudgate.testkit.pbx.SimulatedPbx;
import org.cloudgate.testkit.pbx.TrunkRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The call-admission limit of the bandwidth control area ({@code cloudgate.calls.max-concurrent})
 * on the wire: with the simulated PBX on 127.0.0.2 and SIPp softphones, calls up to the limit
 * connect, the next one gets 503 with Retry-After and is counted, and once a call ended a new one
 * connects again. The PBX ends the held calls, so nothing depends on how long a call lasts.
 */
@Timeout(120)
class DaemonCallLimitIT {

    @TempDir
    Path dir;

    @Test
    void callsBeyondTheAreasLimitGet503WithRetryAfterUntilACallEnds() throws Exception {
        try (SimulatedPbx pbx = SimulatedPbx.start(PbxDescription.builder().host("127.0.0.2").port(0)
                .credentials("201", "terminal-secret").digestAlgorithms(List.of(DigestAlgorithm.MD5))
                .extension("104", "Front Desk", "desk@example.com", ExtensionBehaviour.ANSWER)
                .extension("201", "Alice Example", "alice@example.com", ExtensionBehaviour.ANSWER)
                .trunk(TrunkRoute.DEFAULT).build())) {
            Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                    cloudgate {
                      admin.port = 0
                      sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                      pbx { host = "127.0.0.2", port = %d, username = "201", password = "terminal-secret", keep-alive.enabled = false }
                      registrar.algorithms = [md5]
                      calls.max-concurrent = 2
                      rtp.indirect-switching = false
                      directory {
                        licences = 5
                        users = [
                          { extension = "201", name = "Alice Example", email = "alice@example.com", password = "softphone-secret" }
                        ]
                      }
                    }
                    """.formatted(pbx.port()));
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();
                String gateway = "127.0.0.1:" + daemon.sipUdpPort();
                try (Sipp first = heldCall(gateway); Sipp second = heldCall(gateway)) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> pbx.calls().size() == 2
                            && pbx.calls().stream().allMatch(PbxCall::confirmed));
                    assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_calls_active 2.0");

                    try (Sipp third = Sipp.client("uac-client-call-over-limit.xml", gateway, dir,
                            "-s", "104", "-au", "201", "-ap", "softphone-secret")) {
                        assertThat(third.awaitExit(30)).as(third.output() + daemon.output()).isZero();
                    }
                    assertThat(pbx.calls()).as("the refused call never reached the PBX").hasSize(2);
                    assertThat(CloudgateProcess.scrape(admin)).contains(
                            "cloudgate_calls_rules_total{rule=\"call-limit\"} 1.0",
                            "cloudgate_calls_ended_total{outcome=\"refused\"} 1.0");

                    assertThat(pbx.calls().get(0).hangUp().get(10, TimeUnit.SECONDS)).isEqualTo(200);
                    await().atMost(Duration.ofSeconds(10)).until(() -> CloudgateProcess.scrape(admin)
                            .contains("cloudgate_calls_active 1.0"));
                    try (Sipp fourth = heldCall(gateway)) {
                        await().atMost(Duration.ofSeconds(20)).until(() -> pbx.calls().size() == 2
                                && pbx.calls().stream().allMatch(PbxCall::confirmed));
                        for (PbxCall call : pbx.calls()) {
                            assertThat(call.hangUp().get(10, TimeUnit.SECONDS)).isEqualTo(200);
                        }
                        assertThat(fourth.awaitExit(30)).as(fourth.output() + daemon.output()).isZero();
                    }
                    assertThat(first.awaitExit(30)).as(first.output()).isZero();
                    assertThat(second.awaitExit(30)).as(second.output()).isZero();
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> CloudgateProcess.scrape(admin)
                        .contains("cloudgate_calls_active 0.0"));
                assertThat(CloudgateProcess.scrape(admin)).contains(
                        "cloudgate_calls_ended_total{outcome=\"completed\"} 3.0",
                        "cloudgate_calls_rules_total{rule=\"call-limit\"} 1.0");
            }
        }
    }

    /** A softphone call to extension 104 that lasts until the PBX hangs up. */
    private Sipp heldCall(String gateway) throws Exception {
        return Sipp.client("uac-client-call-until-bye.xml", gateway, dir, "-s", "104", "-au", "201",
                "-ap", "softphone-secret");
    }
}
