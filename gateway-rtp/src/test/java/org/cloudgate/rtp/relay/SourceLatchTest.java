package org.cloudgate.rtp.relay;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class SourceLatchTest {

    private static final long GUARD = 500_000_000L;
    private static final InetSocketAddress ANNOUNCED = new InetSocketAddress("192.0.2.1", 4000);
    private static final InetSocketAddress NAT = new InetSocketAddress("198.51.100.9", 61234);
    private static final InetSocketAddress OTHER = new InetSocketAddress("203.0.113.66", 5555);

    @Test
    void announcedOnlyAcceptsTheSdpAddress() {
        SourceLatch latch = new SourceLatch(LatchingPolicy.ANNOUNCED_ONLY, GUARD);
        latch.announce(ANNOUNCED);

        assertThat(latch.admit(NAT, 1, 0)).isFalse();
        assertThat(latch.admit(ANNOUNCED, 1, 0)).isTrue();
        assertThat(latch.admit(ANNOUNCED, 2, 0)).isTrue();
        assertThat(latch.destination()).isEqualTo(ANNOUNCED);
        assertThat(latch.latched()).isFalse();
    }

    @Test
    void natLatchingLearnsTheFirstSource() {
        SourceLatch latch = new SourceLatch(LatchingPolicy.NAT_LATCHING, GUARD);
        latch.announce(ANNOUNCED);
        assertThat(latch.destination()).isEqualTo(ANNOUNCED);

        assertThat(latch.admit(NAT, 7, 0)).isTrue();

        assertThat(latch.destination()).isEqualTo(NAT);
        assertThat(latch.admit(OTHER, 8, 1_000_000)).isFalse();
        assertThat(latch.destination()).isEqualTo(NAT);
    }

    @Test
    void sameSsrcFromNewBindingMovesTheLatchAtOnce() {
        SourceLatch latch = new SourceLatch(LatchingPolicy.NAT_LATCHING, GUARD);
        latch.admit(NAT, 7, 0);

        assertThat(latch.admit(OTHER, 7, 1_000_000)).isTrue();

        assertThat(latch.destination()).isEqualTo(OTHER);
    }

    @Test
    void newSsrcFromNewSourceNeedsTheLatchedSourceSilentForTheGuard() {
        SourceLatch latch = new SourceLatch(LatchingPolicy.NAT_LATCHING, GUARD);
        latch.admit(NAT, 7, 0);
        latch.admit(NAT, 7, 100_000_000);

        assertThat(latch.admit(OTHER, 9, 100_000_000 + GUARD - 1)).isFalse();
        assertThat(latch.admit(OTHER, 9, 100_000_000 + GUARD)).isTrue();
        assertThat(latch.destination()).isEqualTo(OTHER);
    }

    @Test
    void ssrcChangeFromLatchedSourceIsAccepted() {
        SourceLatch latch = new SourceLatch(LatchingPolicy.NAT_LATCHING, GUARD);
        latch.admit(NAT, 7, 0);

        assertThat(latch.admit(NAT, 8, 1)).isTrue();
        assertThat(latch.admit(OTHER, 7, 2)).isFalse();
    }

    @Test
    void newSdpResetsTheLatch() {
        SourceLatch latch = new SourceLatch(LatchingPolicy.NAT_LATCHING, GUARD);
        latch.admit(NAT, 7, 0);

        latch.announce(ANNOUNCED);

        assertThat(latch.destination()).isEqualTo(ANNOUNCED);
        assertThat(latch.admit(OTHER, 9, 1)).isTrue();
    }
}
