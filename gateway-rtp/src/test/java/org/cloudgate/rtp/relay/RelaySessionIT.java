package org.cloudgate.rtp.relay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.epoll.Epoll;
import io.netty.util.internal.PlatformDependent;
import org.cloudgate.rtp.InactivityAction;
import org.cloudgate.rtp.RtpSettings;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.moh.MohSource;
import org.cloudgate.rtp.pool.PortPoolExhaustedException;
import org.cloudgate.rtp.stats.CallMediaSummary;
import org.cloudgate.rtp.stats.ClockRates;
import org.cloudgate.rtp.stats.LegSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RelaySessionIT {

    private static final RtpSettings SETTINGS = RtpSettings.defaults()
            .withBindAddress("127.0.0.1")
            .withPorts(21000, 21999)
            .withQuarantine(Duration.ZERO)
            .withNatLatching(false, false);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Peer> peers = new ArrayList<>();
    private DatagramTransport transport;

    @BeforeEach
    void startLoops() {
        transport = DatagramTransport.start(1, true);
    }

    @AfterEach
    void stopLoops() {
        peers.forEach(Peer::close);
        transport.shutdown();
    }

    private Peer peer() throws Exception {
        Peer peer = new Peer();
        peers.add(peer);
        return peer;
    }

    private static RelaySession open(MediaRelay relay, SessionOwner owner) throws Exception {
        return relay.open("call-1", "default", owner).get(5, TimeUnit.SECONDS);
    }

    private static void announce(RelaySession session, Side side, InetSocketAddress rtp) throws Exception {
        session.announce(side, rtp, new InetSocketAddress(rtp.getAddress(), rtp.getPort()), ClockRates.staticTypes())
                .get(5, TimeUnit.SECONDS);
    }

    /** A session with a PBX peer and a cloud peer announced on it. */
    private record Call(Peer pbx, Peer cloud, RelaySession session) {
    }

    private Call call(MediaRelay relay) throws Exception {
        Peer pbx = peer();
        Peer cloud = peer();
        RelaySession session = open(relay, (s, side) -> { });
        announce(session, Side.PBX, pbx.address());
        announce(session, Side.CLOUD, cloud.address());
        return new Call(pbx, cloud, session);
    }

    private static LegSummary summary(RelaySession session, Side side) throws Exception {
        return session.eventLoop().submit(() -> session.leg(side).statistics().summary()).get();
    }

    private double dropped(Side side, DropReason reason) {
        return registry.get("cloudgate.rtp.dropped").tags("side", side.tag(), "reason", reason.tag()).counter().count();
    }

    @Test
    void mediaFlowsBothWaysWithMatchingCounters() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS, transport, registry);
        Call call = call(relay);
        Peer pbx = call.pbx();
        Peer cloud = call.cloud();
        RelaySession session = call.session();
        int pbxPort = session.leg(Side.PBX).localPorts().rtp();
        int cloudPort = session.leg(Side.CLOUD).localPorts().rtp();

        for (int i = 0; i < 50; i++) {
            byte[] sent = Peer.rtp(8, 100 + i, 160L * i, 0x1111, 160);
            pbx.send(sent, pbxPort);
            DatagramPacket got = cloud.receive(2000);
            assertThat(got).isNotNull();
            assertThat(got.getData()).isEqualTo(sent);
            assertThat(got.getPort()).as("symmetric RTP: sent from the cloud leg's port").isEqualTo(cloudPort);

            byte[] back = Peer.rtp(8, 7000 + i, 160L * i, 0x2222, 160);
            cloud.send(back, cloudPort);
            DatagramPacket answer = pbx.receive(2000);
            assertThat(answer).isNotNull();
            assertThat(answer.getData()).isEqualTo(back);
            assertThat(answer.getPort()).isEqualTo(pbxPort);
        }
        pbx.send(Peer.receiverReport(0x1111), pbxPort + 1);
        DatagramPacket report = cloud.receive(2000);

        assertThat(report.getData()).isEqualTo(Peer.receiverReport(0x1111));
        assertThat(report.getPort()).isEqualTo(cloudPort + 1);
        assertThat(summary(session, Side.PBX)).isEqualTo(new LegSummary(51, 50 * 172 + 8, 50, 0, 0,
                summary(session, Side.PBX).jitterMs()));
        assertThat(summary(session, Side.CLOUD).packets()).isEqualTo(50);
        assertThat(summary(session, Side.CLOUD).lost()).isZero();
        assertThat(registry.get("cloudgate.rtp.relayed").tag("side", "pbx").counter().count()).isEqualTo(51);
        assertThat(registry.get("cloudgate.rtp.relayed").tag("side", "cloud").counter().count()).isEqualTo(50);

        CallMediaSummary record = session.close().get(5, TimeUnit.SECONDS);
        assertThat(record.pbx().packets()).isEqualTo(51);
        assertThat(record.cloud().expected()).isEqualTo(50);
        assertThat(record.area()).isEqualTo("default");
        assertThat(relay.portPool().inUse()).isZero();
        assertThat(registry.get("cloudgate.rtp.call.loss.ratio").tags("area", "default", "side", "pbx")
                .summary().count()).isEqualTo(1);
    }

    @Test
    void epollWhenAvailableAndNioFallbackBothRelay() throws Exception {
        assertThat(transport.epoll()).isEqualTo(Epoll.isAvailable());
        DatagramTransport nio = DatagramTransport.start(1, false);
        try {
            assertThat(nio.epoll()).isFalse();
            relayOnePacketEachWay(new MediaRelay(SETTINGS.withPorts(22000, 22099), nio, registry));
        } finally {
            nio.shutdown();
        }
    }

    @Test
    void batchedReceiveRelaysBursts() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS.withReceiveBatch(8), transport, registry);
        Call call = call(relay);
        Peer pbx = call.pbx();
        Peer cloud = call.cloud();
        RelaySession session = call.session();

        for (int i = 0; i < 40; i++) {
            pbx.send(Peer.rtp(0, i, 160L * i, 0x42, 160), session.leg(Side.PBX).localPorts().rtp());
        }
        for (int i = 0; i < 40; i++) {
            DatagramPacket got = cloud.receive(2000);
            assertThat(got).isNotNull();
            assertThat(got.getLength()).isEqualTo(172);
        }

        assertThat(summary(session, Side.PBX).packets()).isEqualTo(40);
        session.close().get(5, TimeUnit.SECONDS);
    }

    private void relayOnePacketEachWay(MediaRelay relay) throws Exception {
        Call call = call(relay);
        Peer pbx = call.pbx();
        Peer cloud = call.cloud();
        RelaySession session = call.session();
        pbx.send(Peer.rtp(0, 1, 0, 0x10, 160), session.leg(Side.PBX).localPorts().rtp());
        assertThat(cloud.receive(2000)).isNotNull();
        cloud.send(Peer.rtp(0, 1, 0, 0x20, 160), session.leg(Side.CLOUD).localPorts().rtp());
        assertThat(pbx.receive(2000)).isNotNull();
        session.close().get(5, TimeUnit.SECONDS);
        assertThat(relay.portPool().inUse()).isZero();
    }

    @Test
    void natLatchingSendsToTheRealSource() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS.withNatLatching(false, true), transport, registry);
        Peer pbx = peer();
        Peer cloudBehindNat = peer();
        RelaySession session = open(relay, (s, side) -> { });
        announce(session, Side.PBX, pbx.address());
        announce(session, Side.CLOUD, new InetSocketAddress("127.0.0.1", 9));
        int pbxPort = session.leg(Side.PBX).localPorts().rtp();
        int cloudPort = session.leg(Side.CLOUD).localPorts().rtp();

        cloudBehindNat.send(Peer.rtp(0, 1, 0, 0xabc, 160), cloudPort);
        assertThat(pbx.receive(2000)).isNotNull();
        byte[] toCloud = Peer.rtp(0, 1, 0, 0xdef, 160);
        pbx.send(toCloud, pbxPort);

        DatagramPacket got = cloudBehindNat.receive(2000);
        assertThat(got).isNotNull();
        assertThat(got.getData()).isEqualTo(toCloud);
        assertThat(session.eventLoop().submit(() -> session.leg(Side.CLOUD).latched()).get()).isTrue();
        session.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void strangersAndNonRtpAreDroppedAndCounted() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS.withNatLatching(false, true), transport, registry);
        Call call = call(relay);
        Peer pbx = call.pbx();
        Peer cloud = call.cloud();
        Peer stranger = peer();
        RelaySession session = call.session();
        int pbxPort = session.leg(Side.PBX).localPorts().rtp();
        int cloudPort = session.leg(Side.CLOUD).localPorts().rtp();
        cloud.send(Peer.rtp(0, 1, 0, 0x5151, 160), cloudPort);
        assertThat(pbx.receive(2000)).isNotNull();

        stranger.send(Peer.rtp(0, 1, 0, 0x6666, 160), pbxPort);
        stranger.send(Peer.rtp(0, 1, 0, 0x6666, 160), cloudPort);
        pbx.send(new byte[] {(byte) 0x80, 0, 0, 1}, pbxPort);
        pbx.send(Peer.rtp(0, 1, 0, 0x7777, 160).clone(), pbxPort + 1);
        byte[] version1 = Peer.rtp(0, 2, 0, 0x7777, 160);
        version1[0] = 0x40;
        pbx.send(version1, pbxPort);

        assertThat(cloud.receive(300)).isNull();
        assertThat(pbx.receive(300)).isNull();
        assertThat(dropped(Side.PBX, DropReason.STRANGER)).isEqualTo(1);
        assertThat(dropped(Side.CLOUD, DropReason.STRANGER)).isEqualTo(1);
        assertThat(dropped(Side.PBX, DropReason.NOT_RTP)).isEqualTo(3);
        session.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void musicOnHoldIsProperRtpFromTheRelayPort() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS, transport, registry);
        Call call = call(relay);
        Peer pbx = call.pbx();
        Peer held = call.cloud();
        RelaySession session = call.session();
        int cloudPort = session.leg(Side.CLOUD).localPorts().rtp();

        session.startMusicOnHold(Side.CLOUD, MohSource.builtIn());
        List<ByteBuffer> packets = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 25; i++) {
            DatagramPacket packet = held.receive(2000);
            assertThat(packet).isNotNull();
            assertThat(packet.getPort()).isEqualTo(cloudPort);
            packets.add(ByteBuffer.wrap(packet.getData()));
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        pbx.send(Peer.rtp(0, 1, 0, 0x1, 160), session.leg(Side.PBX).localPorts().rtp());
        await().atMost(Duration.ofSeconds(2)).until(() -> dropped(Side.PBX, DropReason.ON_HOLD) == 1);
        session.stopMusicOnHold(Side.CLOUD);

        ByteBuffer first = packets.get(0);
        assertThat(first.get(1) & 0x80).as("marker on the first packet").isEqualTo(0x80);
        for (int i = 0; i < packets.size(); i++) {
            ByteBuffer p = packets.get(i);
            assertThat(p.remaining()).isEqualTo(172);
            assertThat(p.get(0) & 0xff).isEqualTo(0x80);
            assertThat(p.get(1) & 0x7f).isEqualTo(0);
            assertThat(p.getShort(2) & 0xffff).isEqualTo((first.getShort(2) + i) & 0xffff);
            assertThat(p.getInt(4) & 0xffffffffL).isEqualTo((first.getInt(4) + 160L * i) & 0xffffffffL);
            assertThat(p.getInt(8)).isEqualTo(first.getInt(8));
            if (i > 0) {
                assertThat(p.get(1) & 0x80).isZero();
            }
        }
        assertThat(elapsedMs).as("about 20 ms per packet").isBetween(300L, 1500L);
        session.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void inactivityEndsTheCallThroughItsOwner() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS.withInactivity(Duration.ofMillis(300), InactivityAction.END_CALL),
                transport, registry);
        CompletableFuture<Side> silent = new CompletableFuture<>();
        Peer pbx = peer();
        RelaySession session = open(relay, (s, side) -> silent.complete(side));
        announce(session, Side.PBX, pbx.address());

        Side side = silent.get(3, TimeUnit.SECONDS);

        assertThat(side).isIn(Side.PBX, Side.CLOUD);
        assertThat(registry.get("cloudgate.rtp.inactivity.timeouts").tag("action", "end-call").counter().count())
                .isEqualTo(1);
        session.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void inactivityReportOnlyCountsAndKeepsTheCall() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS.withInactivity(Duration.ofMillis(200), InactivityAction.REPORT),
                transport, registry);
        CompletableFuture<Side> silent = new CompletableFuture<>();
        RelaySession session = open(relay, (s, side) -> silent.complete(side));

        Thread.sleep(700);

        assertThat(silent).isNotDone();
        assertThat(registry.get("cloudgate.rtp.inactivity.timeouts").tag("action", "report").counter().count())
                .as("each silent leg reported once per silent spell").isEqualTo(2);
        session.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aPairAnotherProcessHoldsIsSkippedAndCounted() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS.withPorts(24000, 24007), transport, registry);
        try (DatagramSocket firstRtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 24000));
             DatagramSocket secondRtcp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 24003))) {
            Call call = call(relay);

            assertThat(call.session().leg(Side.PBX).localPorts().rtp()).isEqualTo(24004);
            assertThat(call.session().leg(Side.CLOUD).localPorts().rtp()).isEqualTo(24006);
            assertThat(registry.get("cloudgate.rtp.ports.unavailable").counter().count()).isEqualTo(2);
            call.pbx().send(Peer.rtp(0, 1, 160, 7, 160), call.session().leg(Side.PBX).localPorts().rtp());
            assertThat(call.cloud().receive(2000)).as("relayed through the pairs it could bind").isNotNull();
            call.session().close().get(5, TimeUnit.SECONDS);
        }
        assertThat(relay.portPool().inUse()).isZero();
    }

    @Test
    void aCallIsRefusedWhenNoPairCanBeBound() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS.withPorts(24100, 24103), transport, registry);
        try (DatagramSocket first = new DatagramSocket(new InetSocketAddress("127.0.0.1", 24101));
             DatagramSocket second = new DatagramSocket(new InetSocketAddress("127.0.0.1", 24102))) {
            assertThatThrownBy(() -> relay.start("call-1", "default", (s, side) -> { }, transport.group().next()))
                    .isInstanceOf(PortPoolExhaustedException.class);
        }
        assertThat(relay.portPool().inUse()).isZero();
        assertThat(registry.get("cloudgate.rtp.sessions").gauge().value()).isZero();
    }

    @Test
    void hundredThousandShortSessionsLeaveNothingBehind() throws Exception {
        MediaRelay relay = new MediaRelay(SETTINGS.withPorts(23000, 23999), transport, registry);
        Peer pbx = peer();
        Peer cloud = peer();
        runSessions(relay, pbx, cloud, 2_000);
        long directBaseline = PlatformDependent.usedDirectMemory();

        runSessions(relay, pbx, cloud, 100_000);

        assertThat(relay.portPool().inUse()).isZero();
        assertThat(relay.portPool().free()).isEqualTo(relay.portPool().capacity());
        assertThat(registry.get("cloudgate.rtp.sessions").gauge().value()).isZero();
        assertThat(PlatformDependent.usedDirectMemory()).isLessThanOrEqualTo(directBaseline);
    }

    /** Opens and closes {@code count} sessions, 32 at a time; every 50th relays one packet. */
    private static void runSessions(MediaRelay relay, Peer pbx, Peer cloud, int count) throws Exception {
        int batch = 32;
        for (int done = 0; done < count; done += batch) {
            List<RelaySession> open = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                RelaySession session = open(relay, (s, side) -> { });
                announce(session, Side.PBX, pbx.address());
                announce(session, Side.CLOUD, cloud.address());
                open.add(session);
            }
            if (done % 1600 == 0) {
                RelaySession session = open.get(0);
                pbx.send(Peer.rtp(0, done & 0xffff, 0, 1, 160), session.leg(Side.PBX).localPorts().rtp());
                assertThat(cloud.receive(2000)).isNotNull();
            }
            CompletableFuture<?>[] closing = open.stream().map(RelaySession::close).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(closing).get(10, TimeUnit.SECONDS);
        }
    }
}
