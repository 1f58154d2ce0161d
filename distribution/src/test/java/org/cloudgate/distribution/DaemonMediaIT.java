package org.cloudgate.distribution;

import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Indirect switching through the daemon, with SIPp as softphone (127.0.0.1) and as PBX
 * (127.0.0.2): the SDP each side receives names the gateway's media address and its relay ports;
 * a codec the bandwidth area forbids gets 488; no free relay port gets 503; with indirect
 * switching off the SDP passes as the peers wrote it. The relay range 47100-47103 is what the
 * relayed scenarios check for.
 */
@Timeout(150)
class DaemonMediaIT {

    private static final String PBX_IP = "127.0.0.2";
    private static final String SOFTPHONE_MEDIA_PORT = "6100";
    /** RTP packets in SIPp's {@code g711a.pcap} (7 s of PCMA). */
    private static final int RECORDING_PACKETS = 236;

    @TempDir
    Path dir;

    private Path config(int pbxPort, String rtp) throws Exception {
        return Files.writeString(dir.resolve("cloudgate.conf"), """
                cloudgate {
                  admin.port = 0
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                  pbx { host = "%s", port = %d, username = "201", password = "terminal-secret", keep-alive.enabled = false }
                  registrar.algorithms = [md5]
                  rtp { bind-address = "127.0.0.1", port-min = 47100, port-max = 47103, %s }
                  directory {
                    licences = 5
                    users = [
                      { extension = "201", name = "Alice Example", email = "alice@example.com", password = "softphone-secret" }
                    ]
                  }
                }
                """.formatted(PBX_IP, pbxPort, rtp));
    }

    @Test
    void withIndirectSwitchingEachSideSeesTheGatewaysMediaAddressAndARelayPort() throws Exception {
        Path pbxMessages = dir.resolve("pbx-messages.log");
        try (Sipp pbx = Sipp.server("uas-pbx-answer-relayed.xml", dir, "-i", PBX_IP, "-trace_msg", "-message_file",
                pbxMessages.toString())) {
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config",
                    config(pbx.port(), "indirect-switching = true").toString())) {
                String admin = daemon.awaitReady();
                assertThat(daemon.output()).contains("rtp udp://127.0.0.1:47100-47103 (SDP 127.0.0.1)");
                try (Sipp alice = Sipp.client("uac-client-call-relayed.xml", "127.0.0.1:" + daemon.sipUdpPort(), dir, "-s", "0791234567",
                        "-au", "201", "-ap", "softphone-secret", "-mp", SOFTPHONE_MEDIA_PORT)) {
                    assertThat(alice.awaitExit(30)).as(alice.output() + pbx.output() + daemon.output()).isZero();
                }
                assertThat(pbx.awaitExit(10)).as(pbx.output() + daemon.output()).isZero();
                String metrics = CloudgateProcess.scrape(admin);
                assertThat(metrics).contains("cloudgate_calls_ended_total{outcome=\"completed\"} 1.0",
                        "cloudgate_rtp_sessions 0.0");
                assertThat(daemon.output()).containsPattern("media of call \\S+: area default, \\d+ ms; from the PBX \\d+ packets");
            }
        }
        assertThat(Files.readString(pbxMessages, StandardCharsets.ISO_8859_1))
                .doesNotContain("m=audio " + SOFTPHONE_MEDIA_PORT);
    }

    @Test
    void audioFromTheSoftphoneCrossesTheRelayAndItsEchoComesBack() throws Exception {
        // SIPp as PBX echoes every RTP packet it gets on its media port (6000) to the sender,
        // here the relay's PBX-side port; the softphone plays a 236-packet PCMA recording.
        try (Sipp pbx = Sipp.server("uas-pbx-answer-relayed.xml", dir, "-i", PBX_IP, "-rtp_echo")) {
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config",
                    config(pbx.port(), "indirect-switching = true").toString())) {
                String admin = daemon.awaitReady();
                try (Sipp alice = Sipp.client("uac-client-call-relayed-audio.xml", "127.0.0.1:" + daemon.sipUdpPort(), dir,
                        "-s", "0791234567", "-au", "201", "-ap", "softphone-secret", "-mp", SOFTPHONE_MEDIA_PORT)) {
                    assertThat(alice.awaitExit(40)).as(alice.output() + pbx.output() + daemon.output()).isZero();
                }
                assertThat(pbx.awaitExit(10)).as(pbx.output() + daemon.output()).isZero();
                String metrics = CloudgateProcess.scrape(admin);
                assertThat(metrics).as(metrics).contains(
                        "cloudgate_rtp_relayed_total{side=\"cloud\"} " + RECORDING_PACKETS + ".0",
                        "cloudgate_rtp_relayed_total{side=\"pbx\"} " + RECORDING_PACKETS + ".0",
                        "cloudgate_rtp_sessions 0.0", "cloudgate_rtp_ports_in_use 0.0");
                assertThat(metrics).doesNotContainPattern("cloudgate_rtp_dropped_total\\{[^}]*\\} [1-9]");
                assertThat(daemon.output()).containsPattern("from the PBX " + RECORDING_PACKETS + " packets, \\d+ octets, 0 lost")
                        .containsPattern("from the cloud " + RECORDING_PACKETS + " packets, \\d+ octets, 0 lost");
            }
        }
    }

    @Test
    void aCodecTheBandwidthAreaForbidsIsRefusedWith488() throws Exception {
        Path messages = dir.resolve("softphone-messages.log");
        try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config",
                config(Sipp.freeUdpPort(), "bandwidth-area { name = \"branch\", codecs = [G722] }").toString())) {
            String admin = daemon.awaitReady();
            try (Sipp alice = Sipp.client("uac-client-call-media-refused.xml", "127.0.0.1:" + daemon.sipUdpPort(), dir, "-s", "100",
                    "-au", "201", "-ap", "softphone-secret", "-trace_msg", "-message_file", messages.toString())) {
                assertThat(alice.awaitExit(30)).as(alice.output() + daemon.output()).isZero();
            }
            assertThat(Files.readString(messages, StandardCharsets.ISO_8859_1)).contains(
                    "SIP/2.0 488 Not Acceptable Here",
                    "Warning: 399 cloudgate \"no codec allowed in bandwidth area branch\"");
            assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_calls_media_refused_total{reason=\"codec-not-allowed\"} 1.0",
                    "cloudgate_rtp_sessions 0.0", "cloudgate_rtp_ports_in_use 0.0");
        }
    }

    @Test
    void whenNoRelayPortIsFreeTheNextCallGets503WithRetryAfter() throws Exception {
        Path messages = dir.resolve("softphone-messages.log");
        try (Sipp pbx = Sipp.server("uas-pbx-answer-relayed.xml", dir, "-i", PBX_IP)) {
            // Two port pairs carry one call; the quarantine keeps them from the next call.
            Path config = config(pbx.port(), "quarantine = 5m");
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config", config.toString())) {
                String admin = daemon.awaitReady();
                try (Sipp first = Sipp.client("uac-client-call-relayed.xml", "127.0.0.1:" + daemon.sipUdpPort(), dir, "-s", "100",
                        "-au", "201", "-ap", "softphone-secret", "-mp", SOFTPHONE_MEDIA_PORT)) {
                    assertThat(first.awaitExit(30)).as(first.output() + pbx.output() + daemon.output()).isZero();
                }
                try (Sipp second = Sipp.client("uac-client-call-media-refused.xml", "127.0.0.1:" + daemon.sipUdpPort(), dir, "-s", "100",
                        "-au", "201", "-ap", "softphone-secret", "-trace_msg", "-message_file", messages.toString())) {
                    assertThat(second.awaitExit(30)).as(second.output() + daemon.output()).isZero();
                }
                assertThat(Files.readString(messages, StandardCharsets.ISO_8859_1))
                        .contains("SIP/2.0 503 Service Unavailable", "Retry-After: 30");
                assertThat(CloudgateProcess.scrape(admin)).contains("cloudgate_calls_media_refused_total{reason=\"no-relay-port\"} 1.0",
                        "cloudgate_rtp_ports_exhausted_total 1.0", "cloudgate_rtp_ports_quarantined 2.0");
            }
        }
    }

    @Test
    void withoutIndirectSwitchingTheSdpPassesAsThePeersWroteIt() throws Exception {
        Path pbxMessages = dir.resolve("pbx-messages.log");
        try (Sipp pbx = Sipp.server("uas-pbx-answer.xml", dir, "-i", PBX_IP, "-trace_msg", "-message_file",
                pbxMessages.toString())) {
            try (CloudgateProcess daemon = CloudgateProcess.start(dir, "--config",
                    config(pbx.port(), "indirect-switching = false").toString())) {
                String admin = daemon.awaitReady();
                assertThat(daemon.output()).doesNotContain("rtp udp://");
                try (Sipp alice = Sipp.client("uac-client-call.xml", "127.0.0.1:" + daemon.sipUdpPort(), dir, "-s", "100",
                        "-au", "201", "-ap", "softphone-secret", "-mp", SOFTPHONE_MEDIA_PORT)) {
                    // The scenario checks that the PBX's own m=audio 6000 reaches the softphone.
                    assertThat(alice.awaitExit(30)).as(alice.output() + pbx.output() + daemon.output()).isZero();
                }
                assertThat(pbx.awaitExit(10)).as(pbx.output()).isZero();
                assertThat(CloudgateProcess.scrape(admin)).doesNotContain("cloudgate_rtp_sessions");
            }
        }
        assertThat(Files.readString(pbxMessages, StandardCharsets.ISO_8859_1)).contains(
                "o=alice 1 1 IN IP4 127.0.0.1", "m=audio " + SOFTPHONE_MEDIA_PORT + " RTP/AVP 8 0 101");
    }
}
