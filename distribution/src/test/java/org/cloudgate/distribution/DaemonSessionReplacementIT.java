package org.cloudgate.distribution;

import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Session replacement support" (RFC 3891) through the daemon, with SIPp as the PBX on 127.0.0.2
 * and as softphones of user 201. A softphone names its dialog with the gateway; the PBX must get
 * the identifiers of its own dialog with the gateway, which it proves by ending that dialog with
 * a BYE written from them (the gateway answers an unknown dialog 481, and the run fails). Each
 * side logs the identifiers, which the test compares.
 */
@Timeout(120)
class DaemonSessionReplacementIT {

    private static final String PBX_IP = "127.0.0.2";
    private static final Pattern PBX_DIALOG = Pattern.compile(
            "INVITE (\\S+) call-id=(\\S+) gateway-tag=(\\S+) pbx-tag=(\\S+) supported=([^|]*) replaces=([^|]*)\\|");

    @TempDir
    Path dir;

    private Path config(int pbxPort, boolean sessionReplacement) throws Exception {
        return Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                  pbx { host = "%s", port = %d, username = "201", password = "terminal-secret", keep-alive.enabled = false }
                  registrar.algorithms = [md5]
                  calls.session-replacement = %s
                  rtp.indirect-switching = false
                  directory {
                    licences = 5
                    users = [
                      { extension = "201", name = "Alice Example", email = "alice@example.com", password = "softphone-secret" }
                    ]
                  }
                }
                """.formatted(PBX_IP, pbxPort, sessionReplacement));
    }

    private Sipp softphone(String scenario, String gateway, String service, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("-s", service, "-au", "201", "-ap", "softphone-secret"));
        all.addAll(List.of(options));
        return Sipp.client(scenario, gateway, dir, all.toArray(String[]::new));
    }

    /** SIPp as the PBX of uas-pbx-replaces.xml, for two calls, logging their dialogs to {@code log}. */
    private Sipp replacingPbx(Path log) throws Exception {
        return Sipp.server("uas-pbx-replaces.xml", dir, "-i", PBX_IP, "-m", "2", "-trace_logs",
                "-log_file", log.toString());
    }

    @Test
    void anInviteWithReplacesReachesThePbxNamingThePbxsOwnDialog() throws Exception {
        Path pbxLog = dir.resolve("pbx.log");
        Path aliceLog = dir.resolve("alice.log");
        try (Sipp pbx = replacingPbx(pbxLog);
             CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config(pbx.port(), true).toString())) {
            String admin = daemon.awaitReady();
            String gateway = "127.0.0.1:" + daemon.sipUdpPort();
            try (Sipp alice = softphone("uac-client-call-replaced.xml", gateway, "104", "-trace_logs",
                    "-log_file", aliceLog.toString())) {
                String cloudDialog = loggedDialog(aliceLog);
                // Pickup by another softphone: it names Alice's dialog with the gateway.
                try (Sipp bob = softphone("uac-client-call-replacing.xml", gateway, "104", "-key", "replaces",
                        cloudDialog)) {
                    assertThat(bob.awaitExit(30)).as(bob.output() + pbx.output() + daemon.output()).isZero();
                }
                assertThat(alice.awaitExit(30)).as("the PBX ended the replaced call: " + alice.output()
                        + pbx.output() + daemon.output()).isZero();
            }
            assertThat(pbx.awaitExit(30)).as(pbx.output() + daemon.output()).isZero();
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_calls_started_total{kind=\"replaces\"} 1.0");
        }
        List<Matcher> invites = pbxDialogs(pbxLog);
        assertThat(invites).hasSize(2);
        Matcher replaced = invites.get(0);
        Matcher replacing = invites.get(1);
        assertThat(replaced.group(5)).as("Replaces is offered").contains("replaces");
        assertThat(replaced.group(6)).isEmpty();
        // RFC 3891 section 3: to-tag is the tag of the party receiving the INVITE, the PBX.
        assertThat(replacing.group(6)).isEqualTo(replaced.group(2) + ";to-tag=" + replaced.group(4)
                + ";from-tag=" + replaced.group(3));
        assertThat(replacing.group(2)).as("a new dialog on the PBX side").isNotEqualTo(replaced.group(2));
    }

    @Test
    void aReferWithReplacesReachesThePbxNamingThePbxsOwnDialog() throws Exception {
        Path pbxLog = dir.resolve("pbx.log");
        Path consultationLog = dir.resolve("consultation.log");
        try (Sipp pbx = replacingPbx(pbxLog);
             CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config(pbx.port(), true).toString())) {
            daemon.awaitReady();
            String gateway = "127.0.0.1:" + daemon.sipUdpPort();
            // Alice consults extension 105, then transfers her call with 106 to it (attended transfer).
            try (Sipp consultation = softphone("uac-client-call-replaced.xml", gateway, "105", "-trace_logs",
                    "-log_file", consultationLog.toString())) {
                String cloudDialog = loggedDialog(consultationLog);
                try (Sipp transfer = softphone("uac-client-refer-replaces.xml", gateway, "106",
                        "-key", "target", "105", "-key", "replaces", escaped(cloudDialog))) {
                    assertThat(transfer.awaitExit(30)).as(transfer.output() + pbx.output() + daemon.output()).isZero();
                }
                assertThat(consultation.awaitExit(30)).as("the PBX ended the consultation: "
                        + consultation.output() + pbx.output() + daemon.output()).isZero();
            }
            assertThat(pbx.awaitExit(30)).as(pbx.output() + daemon.output()).isZero();
        }
        String log = Files.readString(pbxLog, StandardCharsets.ISO_8859_1);
        Matcher consulted = pbxDialogs(pbxLog).stream().filter(m -> m.group(1).equals("105")).findFirst().orElseThrow();
        String expected = "<sip:pbx@" + PBX_IP + ":\\d+\\?Replaces=" + Pattern.quote(escaped(consulted.group(2)
                + ";to-tag=" + consulted.group(4) + ";from-tag=" + consulted.group(3))) + ">";
        assertThat(log).containsPattern("REFER refer-to=" + expected + "\\|");
    }

    @Test
    void aReplacesNamingNoDialogOfTheGatewayIs481() throws Exception {
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config",
                config(Sipp.freeUdpPort(), true).toString())) {
            String admin = daemon.awaitReady();
            try (Sipp bob = softphone("uac-client-replaces-unknown.xml", "127.0.0.1:" + daemon.sipUdpPort(), "104",
                    "-key", "replaces", "no-such-call@127.0.0.1;to-tag=cg1;from-tag=b1")) {
                assertThat(bob.awaitExit(30)).as(bob.output() + daemon.output()).isZero();
            }
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_calls_ended_total{outcome=\"refused\"} 1.0");
        }
    }

    @Test
    void withSessionReplacementOffReplacesIsNeitherOfferedNorHonoured() throws Exception {
        Path pbxMessages = dir.resolve("pbx-messages.log");
        try (Sipp pbx = Sipp.server("uas-pbx-answer.xml", dir, "-i", PBX_IP, "-trace_msg", "-message_file",
                pbxMessages.toString())) {
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config(pbx.port(), false).toString())) {
                daemon.awaitReady();
                String gateway = "127.0.0.1:" + daemon.sipUdpPort();
                String unknownDialog = "no-such-call@127.0.0.1;to-tag=cg1;from-tag=b1";
                try (Sipp requiring = softphone("uac-client-replaces-required.xml", gateway, "104",
                        "-key", "replaces", unknownDialog)) {
                    assertThat(requiring.awaitExit(30)).as(requiring.output() + daemon.output()).isZero();
                }
                // What a gateway with Replaces answers 481 is, without it, a new call.
                try (Sipp bob = softphone("uac-client-call-replacing.xml", gateway, "104", "-key", "replaces",
                        unknownDialog)) {
                    assertThat(bob.awaitExit(30)).as(bob.output() + pbx.output() + daemon.output()).isZero();
                }
                assertThat(pbx.awaitExit(30)).as(pbx.output()).isZero();
            }
        }
        String messages = Files.readString(pbxMessages, StandardCharsets.ISO_8859_1);
        assertThat(messages).contains("INVITE sip:104@", "Supported: timer").doesNotContain("Replaces:");
        assertThat(messages).doesNotContainPattern("Supported:[^\\r\\n]*replaces");
    }

    /** The dialog a softphone logged once answered, as a Replaces value. */
    private static String loggedDialog(Path log) {
        Pattern dialog = Pattern.compile("dialog ([^|]+)\\|");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(log)
                && dialog.matcher(Files.readString(log, StandardCharsets.ISO_8859_1)).find());
        try {
            Matcher m = dialog.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            assertThat(m.find()).isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Matcher> pbxDialogs(Path log) throws Exception {
        Matcher m = PBX_DIALOG.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
        List<Matcher> found = new ArrayList<>();
        while (m.find()) {
            Matcher one = PBX_DIALOG.matcher(m.group());
            assertThat(one.matches()).isTrue();
            found.add(one);
        }
        return found;
    }

    /** A Replaces value as a URI header value (RFC 3261 section 25.1, hvalue), as in a Refer-To. */
    private static String escaped(String value) {
        return value.replace("%", "%25").replace("@", "%40").replace(";", "%3B").replace("=", "%3D");
    }
}
