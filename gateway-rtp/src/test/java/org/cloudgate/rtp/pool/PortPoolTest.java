package org.cloudgate.rtp.pool;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortPoolTest {

    private final AtomicLong clock = new AtomicLong();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void handsOutEvenRtpPortsWithRtcpAbove() throws Exception {
        PortPool pool = PortPool.over(20001, 20010, Duration.ZERO, clock::get, registry);

        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < pool.capacity(); i++) {
            PortPair pair = pool.allocate();
            assertThat(pair.rtp() % 2).isZero();
            assertThat(pair.rtcp()).isEqualTo(pair.rtp() + 1).isLessThanOrEqualTo(20010);
            ports.add(pair.rtp());
        }

        assertThat(ports).containsExactlyInAnyOrder(20002, 20004, 20006, 20008);
    }

    @Test
    void exhaustionIsTypedAndCounted() throws Exception {
        PortPool pool = PortPool.over(20000, 20003, Duration.ZERO, clock::get, registry);
        pool.allocate();
        pool.allocate();

        assertThatThrownBy(pool::allocate).isInstanceOf(PortPoolExhaustedException.class)
                .satisfies(e -> assertThat(((PortPoolExhaustedException) e).inUse()).isEqualTo(2));
        assertThat(registry.get("cloudgate.rtp.ports.exhausted").counter().count()).isEqualTo(1);
        assertThat(registry.get("cloudgate.rtp.ports.in.use").gauge().value()).isEqualTo(2);
        assertThat(registry.get("cloudgate.rtp.ports.free").gauge().value()).isZero();
    }

    @Test
    void releasedPairWaitsOutTheQuarantine() throws Exception {
        PortPool pool = PortPool.over(20000, 20001, Duration.ofSeconds(2), clock::get, registry);
        PortPair pair = pool.allocate();

        pool.release(pair);

        assertThat(pool.quarantined()).isEqualTo(1);
        assertThatThrownBy(pool::allocate).isInstanceOf(PortPoolExhaustedException.class)
                .satisfies(e -> assertThat(((PortPoolExhaustedException) e).quarantined()).isEqualTo(1));
        clock.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(pool.free()).isZero();
        clock.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(pool.allocate()).isEqualTo(pair);
    }

    @Test
    void releasedPairsGoToTheBackOfTheQueue() throws Exception {
        PortPool pool = PortPool.over(20000, 20005, Duration.ZERO, clock::get, registry);
        PortPair first = pool.allocate();

        pool.release(first);

        assertThat(pool.allocate()).isNotEqualTo(first);
    }

    @Test
    void doubleAndForeignReleasesAreIgnored() throws Exception {
        PortPool pool = PortPool.over(20000, 20003, Duration.ZERO, clock::get, registry);
        PortPair pair = pool.allocate();

        pool.release(pair);
        pool.release(pair);
        pool.release(new PortPair(40000));

        assertThat(pool.inUse()).isZero();
        assertThat(pool.free()).isEqualTo(2);
    }

    @Test
    void rangeWithoutAPairIsRejected() {
        assertThatThrownBy(() -> PortPool.over(20001, 20002, Duration.ZERO, registry))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
