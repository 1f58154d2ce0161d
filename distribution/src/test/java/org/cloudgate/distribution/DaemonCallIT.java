package org.cloudgate.distribution;

import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls through the daemon with SIPp on both sides: the PBX listens on 127.0.0.2 (the gateway
 * knows the PBX by its address) and the softphone on 127.0.0.1. Each test checks the headers
 * on the wire for one combination of the call settings.
 */
@Timeout(120)
class DaemonCallIT {

    private static final Pattern UDP_LISTENER = Pattern.compile("sip\\+udp://127\\.0\\.0\\.1:(\\d+)");
    private static final String PBX_IP = "127.0.0.2";

    @TempDir
    Path dir;

    private Path config(int pbxPort, String calls) throws Exception {
        return Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                  pbx { host = "%s", port = %d, username = "201", password = "terminal-secret", keep-alive.enabled = false }
                  registrar.algorithms = [md5]
                  calls { %s }
                  directory {
                    licences = 5
                    users = [
                      { extension = "201", name = "Alice Example", email = "alice@example.com", password = "softphone-secret" }
                    ]
                  }
                }
                """.formatted(PBX_IP, pbxPort, calls));
    }

    @Test
    void aSoftphoneCallsAnExternalNumberThroughThePbxWithItsIdentityAsserted() throws Exception {
        Path messages = dir.resolve("pbx-messages.log");
        try (Sipp pbx = Sipp.server("uas-pbx-answer.xml", dir, "-i", PBX_IP, "-trace_msg", "-message_file",
                messages.toString())) {
            Path config = config(pbx.port(), "outgoing-route = \"0\"");
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();
                String gateway = "127.0.0.1:" + udpPort(daemon.output());
                try (Sipp alice = Sipp.client("uac-client-call.xml", gateway, dir,
                        "-s", "+41791234567", "-au", "201", "-ap", "softphone-secret")) {
                    assertThat(alice.awaitExit(30)).as(alice.output() + daemon.output()).isZero();
                }
                assertThat(pbx.awaitExit(10)).as(pbx.output()).isZero();
                assertThat(pbx.output()).doesNotContain("Aborted");
                String metrics = scrape(admin);
                assertThat(metrics).contains("cloudgate_calls_started_total{kind=\"to-pbx\"} 1",
                        "cloudgate_calls_ended_total{outcome=\"completed\"} 1", "cloudgate_calls_active 0");
                assertThat(Files.readString(messages, StandardCharsets.ISO_8859_1))
                        .contains("INVITE sip:000041791234567@127.0.0.2:" + pbx.port() + " SIP/2.0");
            }
        }
    }

    @Test
    void thePbxCallsARegisteredSoftphoneWithTheCallerWithheldAndTheDiversionKept() throws Exception {
        Path log = dir.resolve("softphone.log");
        try (Sipp pbx = Sipp.server("uas-pbx-options.xml", dir, "-i", PBX_IP)) {
            Path config = config(pbx.port(), "clir-from = anonymous, redirecting-information = diversion");
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                daemon.awaitReady();
                String gateway = "127.0.0.1:" + udpPort(daemon.output());
                try (Sipp alice = Sipp.client("uac-softphone-takes-call.xml", gateway, dir,
                        "-au", "201", "-ap", "softphone-secret", "-trace_logs", "-log_file", log.toString())) {
                    Thread.sleep(1500);
                    try (Sipp caller = Sipp.client("uac-pbx-call.xml", gateway, dir, "-s", "201", "-i", PBX_IP)) {
                        assertThat(caller.awaitExit(30)).as(caller.output() + daemon.output()).isZero();
                    }
                    assertThat(alice.awaitExit(30)).as(alice.output() + daemon.output()).isZero();
                }
                assertThat(Files.readString(log)).contains(
                        "From=\"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=cg",
                        "PAI=|", "Diversion=<sip:200@127.0.0.2>;reason=no-answer;counter=1|", "History-Info=|");
            }
        }
    }

    private static String scrape(String admin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int udpPort(String output) {
        Matcher m = UDP_LISTENER.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
