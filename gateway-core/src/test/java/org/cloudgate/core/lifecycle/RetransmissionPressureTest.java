package org.cloudgate.core.lifecycle;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RetransmissionPressureTest {

    /** A tenth of a second into a window, so that a test's steps of whole seconds land early in one. */
    private final AtomicLong now = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(100_100));
    private final RetransmissionPressure pressure = new RetransmissionPressure(10, now::get);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Offers {@code invites} new INVITEs, then the retransmissions; returns how many were refused. */
    private int arrive(int invites, int retransmissions) {
        int refused = 0;
        for (int i = 0; i < invites; i++) {
            if (pressure.refuse()) {
                refused++;
            }
        }
        for (int i = 0; i < retransmissions; i++) {
            pressure.retransmission();
        }
        return refused;
    }

    @Test
    void retransmittedInvitesAboveTheShareStartRefusingAQuarterAtOnce() {
        assertThat(arrive(300, 29)).isZero();
        assertThat(pressure.share()).as("29 of 300 is under 10%").isZero();
        arrive(0, 1);
        assertThat(pressure.share()).as("30 of 300 is 10%").isEqualTo(RetransmissionPressure.STEP);

        assertThat(arrive(100, 0)).as("every fourth new INVITE").isEqualTo(25);
    }

    @Test
    void aFewRetransmissionsNeverMeanOverloadWhateverTheShare() {
        arrive(5, RetransmissionPressure.MINIMUM - 1);
        assertThat(pressure.share()).as("a lossy path to one caller").isZero();
        arrive(0, 1);
        assertThat(pressure.share()).isPositive();
    }

    @Test
    void eachLateSecondRefusesMoreUpToAllAndEachQuietOneHalvesTheShare() {
        for (int second = 1; second <= 5; second++) {
            arrive(100, 50);
            assertThat(pressure.share()).isEqualTo(Math.min(1, second * RetransmissionPressure.STEP));
            advanceMillis(1000);
        }
        assertThat(arrive(100, 0)).as("all refused while the share is whole").isEqualTo(100);

        advanceMillis(1000);
        assertThat(pressure.share()).isEqualTo(0.5);
        advanceMillis(1000);
        assertThat(pressure.share()).isEqualTo(0.25);
        advanceMillis(4000);
        assertThat(pressure.share()).as("below the floor after four more quiet seconds").isZero();
        assertThat(arrive(100, 0)).isZero();
    }

    @Test
    void aShortStallCostsAFewCalls() {
        int refused = arrive(4000, 400);
        advanceMillis(1000);
        for (int second = 0; second < 5; second++) {
            refused += arrive(4000, 0);
            advanceMillis(1000);
        }
        assertThat(refused).as("a quarter of one second's calls, an eighth of the next, ...").isEqualTo(1000 + 500 + 250 + 125);
        assertThat(pressure.share()).isZero();
    }

    @Test
    void offNeverRefusesAndAddsNoGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RetransmissionPressure off = RetransmissionPressure.of(0, registry);
        for (int i = 0; i < 1000; i++) {
            off.retransmission();
        }
        assertThat(off.refuse()).isFalse();
        assertThat(registry.find("cloudgate.overload.retransmissions").gauge()).isNull();

        RetransmissionPressure on = RetransmissionPressure.of(10, registry);
        assertThat(registry.get("cloudgate.overload.retransmissions").gauge().value()).isZero();
        for (int i = 0; i < 100; i++) {
            on.retransmission();
        }
        assertThat(registry.get("cloudgate.overload.retransmissions").gauge().value()).isEqualTo(RetransmissionPressure.STEP);
    }
}
