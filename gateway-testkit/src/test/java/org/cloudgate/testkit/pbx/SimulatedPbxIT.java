package org.cloudgate.testkit.pbx;

import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.transport.Sipp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulated PBX on real sockets, with SIPp as the gateway's stand-in. */
@Timeout(60)
class SimulatedPbxIT {

    private static final String USER = "cloudgate";
    private static final String PASSWORD = "pbx-secret";

    @TempDir
    Path dir;

    private SimulatedPbx pbx;

    @BeforeEach
    void start() throws Exception {
        // SIPp 3.6.1 computes MD5 digests only, so the PBX offers MD5 alone here; SHA-256 is
        // covered by TerminalRegistrationIT.
        pbx = SimulatedPbx.start(PbxDescription.builder()
                .credentials(USER, PASSWORD)
                .digestAlgorithms(List.of(DigestAlgorithm.MD5))
                .extension("201", "Alice Example", "alice@example.com", ExtensionBehaviour.ANSWER)
                .extension("202", "Bob Example", "bob@example.com", ExtensionBehaviour.ECHO)
                .extension("203", "Carol Example", "carol@example.com", ExtensionBehaviour.BUSY)
                .extension(Extension.of("204", "Dave Example", "dave@example.com", ExtensionBehaviour.NO_ANSWER)
                        .withDelay(Duration.ZERO))
                .build());
    }

    @AfterEach
    void stop() {
        if (pbx != null) {
            pbx.close();
        }
    }

    private String target() {
        return "127.0.0.1:" + pbx.port();
    }

    @Test
    void aTerminalRegistersWithDigestAndIsListedWithItsContact() throws Exception {
        try (Sipp terminal = Sipp.client("pbx-uac-register.xml", target(), dir, "-s", "201", "-au", USER,
                "-ap", PASSWORD, "-set", "contact_port", "5999")) {

            assertThat(terminal.awaitExit(20)).as(terminal.output()).isZero();

            assertThat(pbx.registeredTerminals()).singleElement().satisfies(binding -> {
                assertThat(binding.extension()).isEqualTo("201");
                assertThat(binding.contact().uri()).isEqualTo("sip:201@127.0.0.1:5999");
                assertThat(binding.source()).isEqualTo(new InetSocketAddress("127.0.0.1", terminal.port()));
            });
            assertThat(pbx.recorder().answered("REGISTER")).extracting(RecordedMessage::status)
                    .containsExactly(401, 200);
        }
    }

    @Test
    void wrongCredentialsAreRefusedWith403AndNothingIsBound() throws Exception {
        try (Sipp terminal = Sipp.client("pbx-uac-register-refused.xml", target(), dir, "-s", "201", "-au", USER,
                "-ap", "not-the-password")) {

            assertThat(terminal.awaitExit(20)).as(terminal.output()).isZero();

            assertThat(pbx.registeredTerminals()).isEmpty();
        }
    }

    @Test
    void theEchoExtensionAnswersAndSendsEveryRtpPacketBack() throws Exception {
        try (Sipp caller = Sipp.client("pbx-uac-call-until-bye.xml", target(), dir, "-s", "202");
             DatagramSocket media = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> pbx.calls().stream().anyMatch(PbxCall::confirmed));
            RecordedMessage ok = pbx.recorder().answered("INVITE").stream().filter(m -> m.status() == 200)
                    .findFirst().orElseThrow();
            int port = audioPort(ok.body());
            assertThat(port).isEqualTo(pbx.calls().get(0).echo().port());

            int sent = 50;
            for (int sequence = 0; sequence < sent; sequence++) {
                byte[] packet = rtpPacket(sequence);
                media.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), port));
            }
            int echoed = countEchoes(media, sent);

            assertThat(echoed).isEqualTo(sent);
            assertThat(pbx.calls().get(0).echo().received()).isEqualTo(sent);
            assertThat(pbx.calls().get(0).hangUp().get(10, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(caller.awaitExit(20)).as(caller.output()).isZero();
            assertThat(pbx.calls()).isEmpty();
        }
    }

    @Test
    void aHoldIsAnsweredRecvonlyAndInfoAndByeInsideTheDialogAreAnswered() throws Exception {
        try (Sipp caller = Sipp.client("pbx-uac-call-hold.xml", target(), dir, "-s", "201")) {

            assertThat(caller.awaitExit(20)).as(caller.output()).isZero();

            assertThat(pbx.recorder().received("INVITE")).hasSize(2);
            assertThat(pbx.recorder().answered("INFO")).extracting(RecordedMessage::status).containsExactly(200);
            assertThat(pbx.recorder().answered("BYE")).extracting(RecordedMessage::status).containsExactly(200);
            // The call is forgotten on the PBX's loop just after its 200 to the BYE left.
            await().atMost(Duration.ofSeconds(5)).until(() -> pbx.calls().isEmpty());
        }
    }

    @Test
    void theBusyExtensionAnswers486() throws Exception {
        try (Sipp caller = Sipp.client("pbx-uac-busy.xml", target(), dir, "-s", "203")) {

            assertThat(caller.awaitExit(20)).as(caller.output()).isZero();

            assertThat(pbx.recorder().answered("INVITE")).extracting(RecordedMessage::status).contains(486);
        }
    }

    @Test
    void anExtensionThatDoesNotAnswerRingsUntilCancelledWith487() throws Exception {
        try (Sipp caller = Sipp.client("pbx-uac-cancel.xml", target(), dir, "-s", "204")) {

            assertThat(caller.awaitExit(20)).as(caller.output()).isZero();

            assertThat(pbx.recorder().answered("INVITE")).extracting(RecordedMessage::status)
                    .containsSubsequence(180, 487);
            assertThat(pbx.calls()).isEmpty();
        }
    }

    @Test
    void aCallThroughTheOutgoingRouteIsRecordedWithItsHeadersAndAnswered() throws Exception {
        try (Sipp gateway = Sipp.client("pbx-uac-trunk.xml", target(), dir, "-s", "00791112244")) {

            assertThat(gateway.awaitExit(20)).as(gateway.output()).isZero();

            assertThat(pbx.trunk().received()).singleElement().satisfies(call -> {
                assertThat(call.number()).isEqualTo("00791112244");
                assertThat(call.requestUri()).isEqualTo("sip:00791112244@127.0.0.1:" + pbx.port());
                assertThat(call.from().sipUri().user()).isEqualTo("+41441234500");
                assertThat(call.diversions()).singleElement().satisfies(diversion -> {
                    assertThat(diversion.uri()).isEqualTo("sip:201@127.0.0.1");
                    assertThat(diversion.param("reason")).isEqualTo("unconditional");
                });
                assertThat(call.historyInfo()).hasSize(2);
                assertThat(call.assertedIdentities()).singleElement()
                        .satisfies(pai -> assertThat(pai.uri()).isEqualTo("sip:+41791112233@127.0.0.1"));
                assertThat(call.privacy()).containsExactly("none");
                assertThat(call.header("Contact")).startsWith("<sip:gateway@127.0.0.1:");
            });
        }
    }

    @Test
    void aNumberThatIsNeitherAnExtensionNorRoutedGets404() throws Exception {
        try (Sipp caller = Sipp.client("pbx-uac-busy.xml", target(), dir, "-s", "999")) {

            assertThat(caller.awaitExit(20)).isNotZero();

            assertThat(pbx.recorder().answered("INVITE")).extracting(RecordedMessage::status).contains(404);
        }
    }

    @Test
    void thePbxCallsARegisteredTerminalWhichAnswersAndTheByeEndsTheCall() throws Exception {
        try (Sipp phone = Sipp.server("pbx-uas-answer.xml", dir)) {
            try (Sipp terminal = Sipp.client("pbx-uac-register.xml", target(), dir, "-s", "201", "-au", USER,
                    "-ap", PASSWORD, "-set", "contact_port", Integer.toString(phone.port()))) {
                assertThat(terminal.awaitExit(20)).as(terminal.output()).isZero();
            }

            OutgoingCall call = pbx.callUser("201", "0791112233", "Customer");

            assertThat(call.outcome().get(10, TimeUnit.SECONDS)).isEqualTo(new CallOutcome(200, "OK"));
            assertThat(call.responses()).extracting(RecordedMessage::status).contains(180, 200);
            RecordedMessage invite = pbx.recorder().messages().stream()
                    .filter(m -> m.direction() == RecordedMessage.Direction.SENT && "INVITE".equals(m.method()))
                    .findFirst().orElseThrow();
            assertThat(invite.startLine()).isEqualTo("INVITE sip:201@127.0.0.1:" + phone.port() + " SIP/2.0");
            assertThat(invite.header("From")).startsWith("\"Customer\" <sip:0791112233@127.0.0.1:" + pbx.port());
            assertThat(audioPort(invite.body())).isEqualTo(call.call().get().echo().port());
            assertThat(call.hangUp().get(10, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(phone.awaitExit(20)).as(phone.output()).isZero();
            assertThat(pbx.calls()).isEmpty();
        }
    }

    @Test
    void callingAnExtensionWithoutATerminalEndsWith480AndSendsNothing() throws Exception {
        OutgoingCall call = pbx.callUser("202", "0791112233", "Customer");

        assertThat(call.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(480);
        assertThat(pbx.recorder().messages()).isEmpty();
    }

    /** The m=audio port of an SDP body. */
    static int audioPort(String sdp) {
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("m=audio ")) {
                return Integer.parseInt(line.split(" ")[1]);
            }
        }
        throw new AssertionError("no m=audio in " + sdp);
    }

    /** A 172-octet RTP packet (RFC 3550 section 5.1): version 2, PCMU, 160 octets of payload. */
    static byte[] rtpPacket(int sequence) {
        byte[] packet = new byte[12 + 160];
        packet[0] = (byte) 0x80;
        packet[1] = 0;
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        int timestamp = sequence * 160;
        packet[4] = (byte) (timestamp >> 24);
        packet[5] = (byte) (timestamp >> 16);
        packet[6] = (byte) (timestamp >> 8);
        packet[7] = (byte) timestamp;
        packet[11] = 0x42;
        return packet;
    }

    /** Receives until {@code expected} packets came back or none came for two seconds. */
    static int countEchoes(DatagramSocket socket, int expected) throws IOException {
        socket.setSoTimeout(2000);
        byte[] buffer = new byte[2048];
        int count = 0;
        while (count < expected) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException quiet) {
                break;
            }
            if (packet.getLength() == 172 && (buffer[0] & 0xff) == 0x80) {
                count++;
            }
        }
        return count;
    }
}
