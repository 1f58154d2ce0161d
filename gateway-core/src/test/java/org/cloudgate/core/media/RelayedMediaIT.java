package org.cloudgate.core.media;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import org.cloudgate.rtp.RtpSettings;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.moh.MohSource;
import org.cloudgate.rtp.relay.DatagramTransport;
import org.cloudgate.rtp.relay.MediaRelay;
import org.cloudgate.rtp.relay.RelayTap;
import org.cloudgate.rtp.relay.RelaySession;
import org.cloudgate.rtp.sdp.MediaAddress;
import org.cloudgate.rtp.sdp.SessionDescription;
import org.cloudgate.sip.b2bua.MediaRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link RelayedMedia} over a real relay on loopback: what each side's SDP becomes, and RTP sent
 * to the ports in it arriving at the other side.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RelayedMediaIT {

    private static final String LOOPBACK = "127.0.0.1";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MediaMeters meters = new MediaMeters(registry);
    private final Queue<String> traced = new ConcurrentLinkedQueue<>();
    private DatagramTransport transport;
    private MediaRelay relay;
    private DatagramSocket softphone;
    private DatagramSocket pbx;
    private RelaySession session;
    private RelayedMedia media;

    @BeforeEach
    void start() throws Exception {
        transport = DatagramTransport.start(1, false);
        relay = new MediaRelay(RtpSettings.defaults().withBindAddress(LOOPBACK).withPorts(41000, 41099)
                .withQuarantine(Duration.ZERO), transport, registry, new RelayTap() {
                    @Override
                    public boolean active() {
                        return true;
                    }

                    @Override
                    public void rtp(InetSocketAddress source, InetSocketAddress destination, ByteBuf packet) {
                        traced.add(source.getPort() + ">" + destination.getPort() + ":" + packet.readableBytes());
                    }
                });
        softphone = socket();
        pbx = socket();
    }

    @AfterEach
    void stop() {
        if (media != null) {
            media.close();
            session.closeFuture().orTimeout(5, TimeUnit.SECONDS).join();
        }
        softphone.close();
        pbx.close();
        transport.shutdown();
    }

    private static DatagramSocket socket() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.setSoTimeout(5000);
        return socket;
    }

    /** A call from the cloud side to the PBX, with or without the gateway's music on hold. */
    private void open(MusicOnHold music) throws Exception {
        media = new RelayedMedia(Side.CLOUD, new MediaAddress("IP4", LOOPBACK), new SdpBodies(null, meters), music,
                meters);
        session = relay.start("call-1", "default", media, transport.group().next());
        media.relayThrough(session);
        session.bound().get(5, TimeUnit.SECONDS);
    }

    private int relayPort(Side side) {
        return session.leg(side).localPorts().rtp();
    }

    /** The offer from the softphone and the PBX's answer, through the relay. */
    private SessionDescription[] offerAndAnswer() {
        String towardPbx = Sdp.text(media.towardCallee(Sdp.body(Sdp.softphoneOffer(LOOPBACK,
                softphone.getLocalPort(), 1))));
        String towardSoftphone = Sdp.text(media.towardCaller(Sdp.body(Sdp.pbxOffer(LOOPBACK, pbx.getLocalPort(), 1,
                "sendrecv"))));
        return new SessionDescription[] {Sdp.parsed(towardPbx), Sdp.parsed(towardSoftphone)};
    }

    @Test
    void eachSideSeesTheRelayAddressAndItsOwnRelayPortAndMediaFlowsBothWays() throws Exception {
        open(null);

        SessionDescription[] sdp = offerAndAnswer();

        SessionDescription towardPbx = sdp[0];
        assertThat(towardPbx.connection()).hasValue(new MediaAddress("IP4", LOOPBACK));
        assertThat(towardPbx.media().get(0).mediaLine().port()).isEqualTo(relayPort(Side.PBX));
        assertThat(towardPbx.media().get(0).attribute("rtcp")).hasValue((relayPort(Side.PBX) + 1) + " IN IP4 127.0.0.1");
        assertThat(towardPbx.encode()).doesNotContain("candidate", "ice-", "rtcp-mux");
        SessionDescription towardSoftphone = sdp[1];
        assertThat(towardSoftphone.media().get(0).mediaLine().port()).isEqualTo(relayPort(Side.CLOUD));
        assertThat(towardSoftphone.origin().address()).isEqualTo(LOOPBACK);

        send(softphone, relayPort(Side.CLOUD), 0x1111);
        assertThat(receiveSsrc(pbx)).isEqualTo(0x1111);
        await().atMost(Duration.ofSeconds(5)).until(() -> traced.size() >= 2);
        assertThat(traced).as("the packet trace sees the packet as received and as sent on").containsExactly(
                softphone.getLocalPort() + ">" + relayPort(Side.CLOUD) + ":172",
                relayPort(Side.PBX) + ">" + pbx.getLocalPort() + ":172");
        send(pbx, relayPort(Side.PBX), 0x2222);
        assertThat(receiveSsrc(softphone)).isEqualTo(0x2222);
    }

    @Test
    void aReInviteToANewPortMovesTheMediaAndTheOtherSidesVersionGrowsOnlyWhenItsDescriptionChanges() throws Exception {
        open(null);
        offerAndAnswer();
        try (DatagramSocket moved = socket()) {
            String reOffer = Sdp.text(media.towardCaller(Sdp.body(Sdp.pbxOffer(LOOPBACK, moved.getLocalPort(), 2,
                    "sendrecv"))));
            String again = Sdp.text(media.towardCaller(Sdp.body(Sdp.pbxOffer(LOOPBACK, moved.getLocalPort(), 2,
                    "sendrecv"))));
            Sdp.text(media.towardCallee(Sdp.body(Sdp.softphoneOffer(LOOPBACK, softphone.getLocalPort(), 2))));

            String hold = Sdp.text(media.towardCaller(Sdp.body(Sdp.pbxOffer(LOOPBACK, moved.getLocalPort(), 3,
                    "sendonly"))));

            assertThat(Sdp.parsed(reOffer).media().get(0).mediaLine().port()).isEqualTo(relayPort(Side.CLOUD));
            assertThat(Sdp.parsed(reOffer).origin().version())
                    .as("the relay hides the move: the softphone's description is unchanged").isEqualTo(1);
            assertThat(Sdp.parsed(again).origin().version()).isEqualTo(1);
            assertThat(Sdp.parsed(hold).origin().version()).isEqualTo(2);
            send(softphone, relayPort(Side.CLOUD), 0x3333);
            assertThat(receiveSsrc(moved)).isEqualTo(0x3333);
        }
    }

    @Test
    void whenThePbxHoldsTheSoftphoneHearsTheGatewaysMusicUntilThePbxResumes() throws Exception {
        open(new MusicOnHold(MohSource.builtIn()));
        offerAndAnswer();

        String hold = Sdp.text(media.towardCaller(Sdp.body(Sdp.pbxOffer(LOOPBACK, pbx.getLocalPort(), 2, "sendonly"))));
        media.towardCallee(Sdp.body(Sdp.softphoneOffer(LOOPBACK, softphone.getLocalPort(), 2)
                .replace("a=sendrecv", "a=recvonly"))).release();

        assertThat(Sdp.parsed(hold).direction(0)).as("the hold itself passes through").isEqualTo("sendonly");
        byte[] music = receive(softphone);
        assertThat(music[1] & 0x7f).as("PCMU, the law the softphone preferred").isZero();
        assertThat(registry.get("cloudgate.rtp.moh.started").counter().count()).isEqualTo(1);

        media.towardCaller(Sdp.body(Sdp.pbxOffer(LOOPBACK, pbx.getLocalPort(), 3, "sendrecv"))).release();
        media.towardCallee(Sdp.body(Sdp.softphoneOffer(LOOPBACK, softphone.getLocalPort(), 3))).release();
        long ssrc = 0;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        for (int i = 0; i < 500 && ssrc != 0x4444 && System.nanoTime() < deadline; i++) {
            // Music sent before the resume may still be queued, and the resume may reach the
            // relay's loop after the first packet: send until the PBX's packet comes through.
            send(pbx, relayPort(Side.PBX), 0x4444);
            try {
                ssrc = ssrcOf(receive(softphone));
            } catch (SocketTimeoutException dropped) {
                // Sent before the relay applied the resume: it went nowhere. Send again.
                ssrc = 0;
            }
        }
        assertThat(ssrc).isEqualTo(0x4444);
    }

    @Test
    void withMohSignalledTheHoldPassesThroughAndTheGatewayPlaysNoMusic() throws Exception {
        open(null);   // cloudgate.rtp.moh.mode = signal
        offerAndAnswer();

        String hold = Sdp.text(media.towardCaller(Sdp.body(Sdp.pbxOffer(LOOPBACK, pbx.getLocalPort(), 2, "sendonly"))));
        media.towardCallee(Sdp.body(Sdp.softphoneOffer(LOOPBACK, softphone.getLocalPort(), 2)
                .replace("a=sendrecv", "a=recvonly"))).release();

        assertThat(Sdp.parsed(hold).direction(0)).as("the hold passes through").isEqualTo("sendonly");
        // What the holding side sends (its own music, or silence) reaches the held party; a
        // packet sent before the relay's loop applied the hold may go nowhere: send again.
        softphone.setSoTimeout(500);
        long ssrc = 0;
        for (int i = 0; i < 20 && ssrc != 0x5555; i++) {
            send(pbx, relayPort(Side.PBX), 0x5555);
            try {
                ssrc = receiveSsrc(softphone);
            } catch (SocketTimeoutException dropped) {
                ssrc = 0;
            }
        }
        assertThat(ssrc).isEqualTo(0x5555);
        // Nothing else comes: the gateway's music would come every 20 ms.
        softphone.setSoTimeout(1_000);
        List<Long> after = new ArrayList<>();
        try {
            while (after.size() < 100) {
                after.add(receiveSsrc(softphone));
            }
        } catch (SocketTimeoutException quiet) {
            // a second without packets
        }
        assertThat(after).as("late copies of the PBX's packet at most").allMatch(s -> s == 0x5555L);
        assertThat(registry.find("cloudgate.rtp.moh.started").counters())
                .allSatisfy(started -> assertThat(started.count()).isZero());
    }

    @Test
    void aBodyThatIsNotSdpIsRefused() throws Exception {
        open(null);

        assertThatThrownBy(() -> media.towardCallee(Sdp.body("v=0\ns=no origin\n")))
                .isInstanceOf(MediaRefusedException.class).hasMessageStartingWith("malformed SDP");
    }

    private static void send(DatagramSocket from, int relayPort, int ssrc) throws Exception {
        ByteBuffer rtp = ByteBuffer.allocate(172);
        rtp.put((byte) 0x80).put((byte) 0).putShort((short) 1).putInt(160).putInt(ssrc);
        from.send(new DatagramPacket(rtp.array(), rtp.capacity(), InetAddress.getByName(LOOPBACK), relayPort));
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        byte[] data = new byte[packet.getLength()];
        System.arraycopy(packet.getData(), 0, data, 0, data.length);
        return data;
    }

    private static long receiveSsrc(DatagramSocket socket) throws Exception {
        return ssrcOf(receive(socket));
    }

    private static long ssrcOf(byte[] rtp) {
        return ByteBuffer.wrap(rtp, 8, 4).getInt() & 0xffffffffL;
    }
}
