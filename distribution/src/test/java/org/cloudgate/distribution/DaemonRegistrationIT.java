package org.cloudgate.distribution;

import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call flow 1 up to the PBX: a softphone registers with the daemon by digest, and the daemon
 * registers the user's terminal toward the PBX (SIPp as its registrar), refreshes it, and removes
 * it when the softphone unregisters.
 */
@Timeout(120)
class DaemonRegistrationIT {

    @TempDir
    Path dir;

    @Test
    void aSoftphoneRegistersAndItsTerminalIsRegisteredTowardThePbx() throws Exception {
        try (Sipp pbx = Sipp.server("uas-pbx-registrar.xml", dir)) {
            Path config = Files.writeString(dir.resolve("cloudgate.conf"), """
                    cloudgate {
                      admin.port = 0
                      sip { udp.port = 0, tcp.port = 0 }
                      pbx { host = "127.0.0.1", port = %d, username = "201", password = "terminal-secret", keep-alive.enabled = false }
                      # SIPp answers the first challenge only and knows only MD5.
                      registrar.algorithms = [md5]
                      directory {
                        licences = 1
                        users = [
                          { extension = "201", name = "Alice Example", email = "alice@example.com", password = "softphone-secret" }
                          { extension = "202", name = "Bob Example", email = "bob@example.com", password = "bob-secret" }
                          { extension = "203", name = "Carol Example", password = "carol-secret" }
                        ]
                      }
                    }
                    """.formatted(pbx.port()));
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();
                String gateway = "127.0.0.1:" + daemon.sipUdpPort();

                try (Sipp alice = Sipp.client("uac-softphone-register.xml", gateway, dir,
                        "-s", "201", "-au", "201", "-ap", "softphone-secret")) {
                    assertThat(alice.awaitExit(30)).as(alice.output()).isZero();
                }
                assertThat(pbx.awaitExit(30)).as(pbx.output() + daemon.output()).isZero();

                try (Sipp bob = Sipp.client("uac-softphone-refused.xml", gateway, dir,
                        "-s", "202", "-au", "202", "-ap", "bob-secret")) {
                    assertThat(bob.awaitExit(30)).as(bob.output()).isZero();
                }
                String metrics = CloudgateProcess.scrape(admin);
                // Alice's softphone unregistered again: she keeps her licence, without a terminal
                assertThat(metrics).contains("cloudgate_users{status=\"terminal-not-registered\"} 1",
                        "cloudgate_users{status=\"onboarded\"} 0",
                        "cloudgate_users{status=\"no-licence-left\"} 1", "cloudgate_users{status=\"missing-email\"} 1");
                assertThat(daemon.output()).contains("user 202 (Bob Example) is not onboarded: no licence left",
                        "user 203 (Carol Example) is not onboarded: missing e-mail",
                        "registering the terminal of user 201 toward the PBX",
                        "unregistering the terminal of user 201 from the PBX",
                        "user 201 (Alice Example) is onboarded\n",
                        "user 201 (Alice Example) is onboarded, but its terminal is not registered")
                        .doesNotContain("softphone-secret", "terminal-secret");
            }
        }
    }
}
