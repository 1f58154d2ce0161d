package org.cloudgate.distribution;

import org.cloudgate.sip.trace.Tshark;
import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls through the daemon with SIPp on both sides: the PBX listens on 127.0.0.2 (the gateway
 * knows the PBX by its address) and the softphone on 127.0.0.1. Each test checks the headers
 * on the wire for one combination of the call settings.
 */
@Timeout(120)
class DaemonCallIT {

    private static final String PBX_IP = "127.0.0.2";

    @TempDir
    Path dir;
    /** Whether Alice (201), who has a GSM number, has "use GSM" on. */
    private boolean aliceUsesGsm;

    private Path config(int pbxPort, String calls) throws Exception {
        return config(pbxPort, calls, "udp");
    }

    private Path config(int pbxPort, String calls, String pbxTransport) throws Exception {
        return Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0, trace { enabled = true, file = "%s" } }
                  pbx { host = "%s", port = %d, transport = %s, username = "201", password = "terminal-secret", keep-alive.enabled = false }
                  registrar.algorithms = [md5]
                  calls { %s }
                  # SDP as the peers wrote it, which the scenarios check; DaemonMediaIT covers the relay.
                  rtp.indirect-switching = false
                  directory {
                    licences = 5
                    users = [
                      { extension = "201", name = "Alice Example", email = "alice@example.com", password = "softphone-secret",
                        gsm = "+41798880000", use-gsm = %s }
                      { extension = "202", name = "Gina Mobile", email = "gina@example.com", password = "gina-secret",
                        gsm = "+41799990000", use-gsm = true }
                    ]
                  }
                }
                """.formatted(dir.resolve("call-trace.pcap"), PBX_IP, pbxPort, pbxTransport, calls, aliceUsesGsm));
    }

    @Test
    void aSoftphoneCallsAnExternalNumberThroughThePbxWithItsIdentityAsserted() throws Exception {
        Path messages = dir.resolve("pbx-messages.log");
        try (Sipp pbx = Sipp.server("uas-pbx-answer.xml", dir, "-i", PBX_IP, "-trace_msg", "-message_file",
                messages.toString())) {
            Path config = config(pbx.port(), "outgoing-route = \"0\"");
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();
                softphoneCalls("uac-client-call.xml", "+41791234567", daemon);
                assertThat(pbx.awaitExit(10)).as(pbx.output()).isZero();
                assertThat(pbx.output()).doesNotContain("Aborted");
                String metrics = CloudgateProcess.scrape(admin);
                assertThat(metrics).contains("cloudgate_calls_started_total{kind=\"to-pbx\"} 1.0",
                        "cloudgate_calls_ended_total{outcome=\"completed\"} 1.0", "cloudgate_calls_active 0.0");
                assertThat(Files.readString(messages, StandardCharsets.ISO_8859_1))
                        .contains("INVITE sip:000041791234567@127.0.0.2:" + pbx.port() + " SIP/2.0");
                // The SIP trace holds the whole call, both legs, as tshark decodes it (the writer
                // thread may still be at work when the last BYE is answered).
                Tshark trace = Tshark.reading(dir.resolve("call-trace.pcap"));
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> trace.fields("sip", "sip.Method").stream().filter("BYE"::equals).count() >= 2);
                List<String> traced = trace.fields("sip", "sip.Method", "sip.Status-Code");
                assertThat(traced).as(String.join("\n", traced))
                        .contains("INVITE\t", "\t407", "ACK\t", "\t100", "\t180", "\t200", "BYE\t");
                assertThat(traced.stream().filter("INVITE\t"::equals).count())
                        .as("two from the softphone, one to the PBX").isGreaterThanOrEqualTo(3);
                assertThat(trace.problems()).isEmpty();
            }
        }
    }

    @Test
    void aPbxThatChallengesTheCallGetsThePbxCredentials() throws Exception {
        try (Sipp pbx = Sipp.server("uas-pbx-challenge.xml", dir, "-i", PBX_IP)) {
            Path config = config(pbx.port(), "outgoing-route = \"0\"");
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                daemon.awaitReady();
                softphoneCalls("uac-client-call.xml", "100", daemon);
                // The scenario verifies the digest with the PBX password (SIPp's verifyauth).
                assertThat(pbx.awaitExit(10)).as(pbx.output() + daemon.output()).isZero();
            }
        }
    }

    @Test
    void withTcpTowardThePbxTheCallLegToThePbxIsCarriedOverTcp() throws Exception {
        String received = softphoneCallsThePbx("uac-client-call.xml", "100", "outgoing-route = \"0\"", "tcp");
        // The softphone spoke UDP; the PBX leg went over TCP, with a Contact that says so.
        assertThat(received).contains("TCP message received", "Via: SIP/2.0/TCP ", ";transport=tcp>")
                .doesNotContain("UDP message received");
    }

    @Test
    void withUdpOrTcpAnOrdinaryCallGoesOverUdpAndOneTooLargeForUdpOverTcp() throws Exception {
        Path udpMessages = dir.resolve("pbx-udp-messages.log");
        Path tcpMessages = dir.resolve("pbx-tcp-messages.log");
        try (Sipp pbxUdp = Sipp.server("uas-pbx-answer.xml", dir, "-i", PBX_IP, "-trace_msg", "-message_file",
                udpMessages.toString());
             Sipp pbxTcp = Sipp.server("uas-pbx-answer.xml", dir, "-i", PBX_IP, "-t", "t1",
                     "-p", Integer.toString(pbxUdp.port()), "-trace_msg", "-message_file", tcpMessages.toString())) {
            Path config = config(pbxUdp.port(), "outgoing-route = \"0\"", "udp-or-tcp");
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                daemon.awaitReady();
                softphoneCalls("uac-client-call.xml", "100", daemon);
                assertThat(pbxUdp.awaitExit(10)).as(pbxUdp.output()).isZero();
                softphoneCalls("uac-client-call-large-offer.xml", "101", daemon);
                assertThat(pbxTcp.awaitExit(10)).as(pbxTcp.output()).isZero();
            }
        }
        String overUdp = Files.readString(udpMessages, StandardCharsets.ISO_8859_1);
        String overTcp = Files.readString(tcpMessages, StandardCharsets.ISO_8859_1);
        assertThat(overUdp).contains("UDP message received", "INVITE sip:100@", "Via: SIP/2.0/UDP ")
                .doesNotContain("TCP message received", "a=candidate");
        // RFC 3261 18.1.1: the request over 1300 octets went over TCP, its Via and Contact say so.
        assertThat(overTcp).contains("TCP message received", "INVITE sip:101@", "Via: SIP/2.0/TCP ",
                ";transport=tcp>", "a=candidate:14 ").doesNotContain("UDP message received");
    }

    @Test
    void withUdpOrTcpThePbxReachesASoftphoneOverTcpAsOverUdp() throws Exception {
        for (String pbxTransport : List.of("t1", "u1")) {
            String received = softphoneTakesACallFromThePbx("clir-from = unchanged", "udp-or-tcp", pbxTransport);
            assertThat(received).as("over " + pbxTransport)
                    .contains("From= \"Bob Caller\" <sip:0791112233@127.0.0.2>;tag=cg");
        }
    }

    @Test
    void withSessionRefreshOnEachLegGetsItsOwnSessionTimerAndTooShortAnIntervalIs422() throws Exception {
        Path pbxMessages = dir.resolve("pbx-messages.log");
        Path clientMessages = dir.resolve("client-messages.log");
        try (Sipp pbx = Sipp.server("uas-pbx-answer.xml", dir, "-i", PBX_IP, "-trace_msg", "-message_file",
                pbxMessages.toString())) {
            Path config = config(pbx.port(), "session-refresh { enabled = true, interval = 30m, min-se = 90s }");
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                daemon.awaitReady();
                String gateway = "127.0.0.1:" + daemon.sipUdpPort();
                try (Sipp alice = Sipp.client("uac-client-short-session.xml", gateway, dir, "-s", "100")) {
                    assertThat(alice.awaitExit(30)).as(alice.output() + daemon.output()).isZero();
                }
                try (Sipp alice = Sipp.client("uac-client-call.xml", gateway, dir, "-s", "100", "-au", "201",
                        "-ap", "softphone-secret", "-trace_msg", "-message_file", clientMessages.toString())) {
                    assertThat(alice.awaitExit(30)).as(alice.output() + daemon.output()).isZero();
                }
                assertThat(pbx.awaitExit(10)).as(pbx.output()).isZero();
            }
        }
        // Toward the PBX the gateway asks to refresh the leg itself.
        assertThat(Files.readString(pbxMessages, StandardCharsets.ISO_8859_1))
                .contains("Session-Expires: 1800;refresher=uac", "Min-SE: 90")
                .containsPattern("Supported: [^\\r\\n]*timer");
        // The softphone supports timers: it refreshes its own leg.
        assertThat(Files.readString(clientMessages, StandardCharsets.ISO_8859_1))
                .contains("Session-Expires: 1800;refresher=uac", "Require: timer");
    }

    @Test
    void withoutSessionRefreshTheSoftphonesSessionTimerPassesThroughUnchanged() throws Exception {
        String received = softphoneCallsThePbx("uac-client-call-session-timer.xml", "0791234567",
                "session-refresh.enabled = false");
        assertThat(received).contains("Session-Expires: 120;refresher=uac", "Min-SE: 120")
                .doesNotContain("Session-Expires: 1800", "Min-SE: 90");
    }

    @Test
    void withoutAnOutgoingRouteAnExternalNumberReachesThePbxWithoutPrefix() throws Exception {
        String received = softphoneCallsThePbx("uac-client-call.xml", "+41791234567", "outgoing-route = \"\"");
        // The E.164 + becomes the international prefix; no route is dialled before it.
        assertThat(received).contains("INVITE sip:0041791234567@127.0.0.2:");
    }

    /** A softphone of user 201 calls {@code number} through {@code daemon}; the call must complete as scripted. */
    private void softphoneCalls(String scenario, String number, CloudgateProcess daemon) throws Exception {
        try (Sipp alice = Sipp.client(scenario, "127.0.0.1:" + daemon.sipUdpPort(), dir,
                "-s", number, "-au", "201", "-ap", "softphone-secret")) {
            assertThat(alice.awaitExit(30)).as(alice.output() + daemon.output()).isZero();
        }
    }

    /** A softphone calls {@code number} through the daemon; returns what the PBX received. */
    private String softphoneCallsThePbx(String scenario, String number, String calls) throws Exception {
        return softphoneCallsThePbx(scenario, number, calls, "udp");
    }

    /** As above, with {@code pbxTransport} ({@code udp} or {@code tcp}) toward the PBX. */
    private String softphoneCallsThePbx(String scenario, String number, String calls, String pbxTransport)
            throws Exception {
        Path messages = dir.resolve("pbx-messages.log");
        try (Sipp pbx = Sipp.server("uas-pbx-answer.xml", dir, "-i", PBX_IP, "-t", "tcp".equals(pbxTransport) ? "t1" : "u1",
                "-trace_msg", "-message_file", messages.toString())) {
            Path config = config(pbx.port(), calls, pbxTransport);
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                daemon.awaitReady();
                softphoneCalls(scenario, number, daemon);
                assertThat(pbx.awaitExit(10)).as(pbx.output()).isZero();
            }
        }
        return Files.readString(messages, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aWithheldCallerIsAnonymousForTheClientAndTheDiversionIsKept() throws Exception {
        String received = softphoneTakesACallFromThePbx("clir-from = anonymous, redirecting-information = diversion");
        assertThat(received).contains("From= \"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=cg", "PAI=|",
                "Privacy= id|", "Diversion= <sip:200@127.0.0.2>;reason=no-answer;counter=1|", "History-Info=|");
    }

    @Test
    void anonymousLocalNamesTheGatewayAndNoRedirectingInformationIsSent() throws Exception {
        String received = softphoneTakesACallFromThePbx("clir-from = anonymous-local, redirecting-information = none");
        assertThat(received).contains("From= \"Anonymous\" <sip:anonymous@127.0.0.1>;tag=cg", "PAI=|",
                "Diversion=|", "History-Info=|");
    }

    @Test
    void unchangedKeepsTheCallerWithPrivacyAndTheDiversionBecomesHistoryInfo() throws Exception {
        String received = softphoneTakesACallFromThePbx("clir-from = unchanged, redirecting-information = history-info");
        assertThat(received).contains("From= \"Bob Caller\" <sip:0791112233@127.0.0.2>;tag=cg", "PAI=|",
                "Privacy= id|", "Diversion=|",
                "History-Info= <sip:200@127.0.0.2>;index=1, <sip:201@127.0.0.1:");
        assertThat(received).containsPattern("History-Info=[^|]*;cause=408>;index=1\\.1\\|");
    }

    @Test
    void withoutACallThroughNumberAUserWithUseGsmIsCalledOnTheSoftphone() throws Exception {
        aliceUsesGsm = true;
        String received = softphoneTakesACallFromThePbx("gsm.call-through-number = \"\"");
        // The softphone's scenario checks that the INVITE came to its registered binding.
        assertThat(received).contains("received From=");
    }

    @Test
    void withClipNoScreeningTheGsmSeesTheCallerAndTheCallThroughNumberGoesInDiversion() throws Exception {
        String received = pbxCallsAGsmUser("clip-no-screening = true, call-through-number-to = diversion");
        assertThat(received).contains("RURI=sip:00041799990000@127.0.0.2:",
                "From= \"Bob Caller\" <sip:0791112233@127.0.0.2>;tag=cg", "PAI=|");
        assertThat(received).containsPattern(
                "Diversion= <sip:0441234567@127\\.0\\.0\\.2:\\d+>;reason=unconditional;counter=1\\|");
    }

    @Test
    void withScreeningTheCallThroughNumberIsTheCallerInFrom() throws Exception {
        String received = pbxCallsAGsmUser("clip-no-screening = false, call-through-number-to = from");
        assertThat(received).containsPattern("From= \"Bob Caller\" <sip:0441234567@127\\.0\\.0\\.2:\\d+>;tag=cg");
        assertThat(received).contains("PAI=|", "Diversion= <sip:200@127.0.0.2>;reason=no-answer;counter=1|");
    }

    @Test
    void withClipNoScreeningAndTheNumberInFromTheCallThroughNumberIsAsserted() throws Exception {
        String received = pbxCallsAGsmUser("clip-no-screening = true, call-through-number-to = from");
        assertThat(received).contains("From= \"Bob Caller\" <sip:0791112233@127.0.0.2>;tag=cg");
        assertThat(received).containsPattern("PAI= <sip:0441234567@127\\.0\\.0\\.2:\\d+>\\|");
    }

    /** The PBX calls user 202, who has "use GSM" on: the gateway sends the call back out through the PBX. */
    private String pbxCallsAGsmUser(String gsm) throws Exception {
        Path log = dir.resolve("route.log");
        try (Sipp route = Sipp.server("uas-pbx-gsm-route.xml", dir, "-i", PBX_IP, "-trace_logs", "-log_file",
                log.toString())) {
            Path config = config(route.port(), "gsm { call-through-number = \"0441234567\", " + gsm + " }");
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();
                String gateway = "127.0.0.1:" + daemon.sipUdpPort();
                try (Sipp pbx = Sipp.client("uac-pbx-call.xml", gateway, dir, "-s", "202", "-i", PBX_IP)) {
                    assertThat(pbx.awaitExit(30)).as(pbx.output() + route.output() + daemon.output()).isZero();
                }
                assertThat(route.awaitExit(30)).as(route.output() + daemon.output()).isZero();
                assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_calls_rules_total{rule=\"gsm-routed\"} 1.0");
            }
        }
        return Files.readString(log);
    }

    /**
     * A softphone registers (its binding is where the call goes), then the PBX calls it with a
     * withheld caller after a diversion. Returns the headers the softphone logged.
     */
    private String softphoneTakesACallFromThePbx(String calls) throws Exception {
        return softphoneTakesACallFromThePbx(calls, "udp", "u1");
    }

    /**
     * As above, with {@code pbxTransport} toward the PBX in the settings and the PBX calling over
     * SIPp's {@code sippTransport} ({@code u1} UDP, {@code t1} TCP).
     */
    private String softphoneTakesACallFromThePbx(String calls, String pbxTransport, String sippTransport)
            throws Exception {
        Path log = dir.resolve("softphone-" + sippTransport + ".log");
        int softphonePort = Sipp.freeUdpPort();
        Path config = config(Sipp.freeUdpPort(), calls, pbxTransport);
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
            daemon.awaitReady();
            String gateway = "127.0.0.1:" + daemon.sipUdpPort();
            String gatewayForPbx = "127.0.0.1:" + ("t1".equals(sippTransport) ? daemon.sipTcpPort() : daemon.sipUdpPort());
            try (Sipp register = Sipp.client("uac-softphone-register-only.xml", gateway, dir,
                    "-au", "201", "-ap", "softphone-secret", "-p", Integer.toString(softphonePort))) {
                assertThat(register.awaitExit(30)).as(register.output() + daemon.output()).isZero();
            }
            try (Sipp softphone = Sipp.server("uas-softphone-answer.xml", dir, "-p", Integer.toString(softphonePort),
                    "-trace_logs", "-log_file", log.toString())) {
                try (Sipp pbx = Sipp.client("uac-pbx-call.xml", gatewayForPbx, dir, "-s", "201", "-i", PBX_IP,
                        "-t", sippTransport)) {
                    assertThat(pbx.awaitExit(30)).as(pbx.output() + softphone.output() + daemon.output()).isZero();
                }
                assertThat(softphone.awaitExit(30)).as(softphone.output() + daemon.output()).isZero();
            }
        }
        return Files.readString(log);
    }
}
