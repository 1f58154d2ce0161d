package org.cloudgate.distribution;

import org.cloudgate.sip.transport.Sipp;
import org.cloudgate.testkit.pbx.ExtensionBehaviour;
import org.cloudgate.testkit.pbx.OutgoingCall;
import org.cloudgate.testkit.pbx.PbxDescription;
import org.cloudgate.testkit.pbx.SimulatedPbx;
import org.cloudgate.testkit.pbx.TrunkRoute;
import org.cloudgate.sip.auth.DigestAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * How calls end, through the daemon, with the simulated PBX (gateway-testkit) on 127.0.0.2 and
 * SIPp as the softphone: busy, cancelled while ringing, refused by the gateway's own rules, and a
 * call the PBX places to a softphone and hangs up. Each outcome shows in the call metrics.
 */
@Timeout(120)
class DaemonCallOutcomeIT {

    @TempDir
    Path dir;
    private SimulatedPbx pbx;
    private CloudgateProcess daemon;
    private String admin;
    private String gateway;

    @BeforeEach
    void start() throws Exception {
        pbx = SimulatedPbx.start(PbxDescription.builder().host("127.0.0.2").port(0)
                .credentials("201", "terminal-secret").digestAlgorithms(List.of(DigestAlgorithm.MD5))
                .extension("102", "Busy Line", "busy@example.com", ExtensionBehaviour.BUSY)
                .extension("103", "Nobody Home", "nobody@example.com", ExtensionBehaviour.NO_ANSWER)
                .extension("201", "Alice Example", "alice@example.com", ExtensionBehaviour.ANSWER)
                .trunk(TrunkRoute.DEFAULT).build());
        Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                  pbx { host = "127.0.0.2", port = %d, username = "201", password = "terminal-secret", keep-alive.enabled = false }
                  registrar.algorithms = [md5]
                  directory {
                    licences = 5
                    users = [
                      { extension = "201", name = "Alice Example", email = "alice@example.com", password = "softphone-secret" }
                    ]
                  }
                }
                """.formatted(pbx.port()));
        daemon = CloudgateProcess.start(dir, "--config", config.toString());
        admin = daemon.awaitReady();
        gateway = "127.0.0.1:" + daemon.sipUdpPort();
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    @Test
    void aBusyExtensionsAnswerReachesTheSoftphone() throws Exception {
        try (Sipp alice = Sipp.client("uac-client-call-busy.xml", gateway, dir,
                "-s", "102", "-au", "201", "-ap", "softphone-secret")) {
            assertThat(alice.awaitExit(30)).as(alice.output() + daemon.output()).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> CloudgateProcess.scrape(admin)
                .contains("cloudgate_calls_ended_total{outcome=\"busy\"} 1.0"));
    }

    @Test
    void aCancelWhileRingingEndsBothLegs() throws Exception {
        try (Sipp alice = Sipp.client("uac-client-call-cancel.xml", gateway, dir,
                "-s", "103", "-au", "201", "-ap", "softphone-secret")) {
            assertThat(alice.awaitExit(30)).as(alice.output() + daemon.output()).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> CloudgateProcess.scrape(admin)
                .contains("cloudgate_calls_ended_total{outcome=\"cancelled\"} 1.0"));
        await().atMost(Duration.ofSeconds(5)).until(() -> pbx.calls().isEmpty());
    }

    @Test
    void anInviteWithWrongCredentialsIsRefusedAndCounted() throws Exception {
        try (Sipp intruder = Sipp.client("uac-client-call-busy.xml", gateway, dir,
                "-s", "102", "-au", "201", "-ap", "wrong-secret")) {
            intruder.awaitExit(30);
            assertThat(intruder.output()).contains("403 Forbidden");
        }
        String metrics = CloudgateProcess.scrape(admin);
        assertThat(metrics).contains("cloudgate_sip_digest_failures_total{reason=\"wrong-response\"}");
        assertThat(metrics).contains("cloudgate_calls_ended_total{outcome=\"refused\"} 1.0");
    }

    @Test
    void thePbxCallsARegisteredSoftphoneAndHangsUp() throws Exception {
        int softphonePort = Sipp.freeUdpPort();
        try (Sipp register = Sipp.client("uac-softphone-register-only.xml", gateway, dir,
                "-au", "201", "-ap", "softphone-secret", "-p", Integer.toString(softphonePort))) {
            assertThat(register.awaitExit(30)).as(register.output() + daemon.output()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pbx.terminal("201").isPresent());
        try (Sipp softphone = Sipp.server("uas-softphone-answer.xml", dir, "-p", Integer.toString(softphonePort))) {
            OutgoingCall call = pbx.callUser("201", "0791112233", "Bob Caller");
            assertThat(call.outcome().get(10, TimeUnit.SECONDS).answered()).as(daemon.output()).isTrue();
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_calls_active 1.0");
            assertThat(call.hangUp().get(10, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(softphone.awaitExit(30)).as(softphone.output() + daemon.output()).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> CloudgateProcess.scrape(admin)
                .contains("cloudgate_calls_ended_total{outcome=\"completed\"} 1.0"));
        assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_calls_active 0.0", "cloudgate_calls_started_total{kind=\"to-user\"} 1.0");
    }
}
