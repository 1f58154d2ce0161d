package org.cloudgate.core.lifecycle;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RetransmissionPressureTest {

    /** Half a second into a window, so that a test's steps of whole seconds land mid-window. */
    private final AtomicLong now = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(100_500));
    private final RetransmissionPressure pressure = new RetransmissionPressure(10, now::get);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private void arrive(int invites, int retransmissions) {
        for (int i = 0; i < invites; i++) {
            pressure.invite();
        }
        for (int i = 0; i < retransmissions; i++) {
            pressure.retransmission();
        }
    }

    @Test
    void retransmittedInvitesAboveTheShareRefuseNewCallsAtOnce() {
        arrive(300, 29);
        assertThat(pressure.high()).as("29 of 300 is under 10%").isFalse();
        arrive(0, 1);
        assertThat(pressure.high()).as("30 of 300 is 10%").isTrue();
    }

    @Test
    void aFewRetransmissionsNeverMeanOverloadWhateverTheShare() {
        arrive(5, RetransmissionPressure.MINIMUM - 1);
        assertThat(pressure.high()).as("a lossy path to one caller").isFalse();
        arrive(0, 1);
        assertThat(pressure.high()).isTrue();
    }

    @Test
    void aLateSecondKeepsRefusingThroughTheNextOneAndAQuietSecondEndsIt() {
        arrive(100, 50);
        assertThat(pressure.high()).isTrue();

        advanceMillis(1000);
        arrive(100, 0);
        assertThat(pressure.high()).as("the previous second was late").isTrue();

        advanceMillis(1000);
        assertThat(pressure.high()).as("the previous second was quiet").isFalse();
    }

    @Test
    void aGapOfSecondsWithoutInvitesForgetsTheLateOne() {
        arrive(100, 50);
        assertThat(pressure.high()).isTrue();

        advanceMillis(3000);
        assertThat(pressure.high()).isFalse();
        arrive(10, 0);
        assertThat(pressure.high()).isFalse();
    }

    @Test
    void offNeverRefusesAndAddsNoGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RetransmissionPressure off = RetransmissionPressure.of(0, registry);
        for (int i = 0; i < 1000; i++) {
            off.retransmission();
        }
        assertThat(off.high()).isFalse();
        assertThat(registry.find("cloudgate.overload.retransmissions").gauge()).isNull();

        RetransmissionPressure on = RetransmissionPressure.of(10, registry);
        assertThat(registry.get("cloudgate.overload.retransmissions").gauge().value()).isZero();
        for (int i = 0; i < 100; i++) {
            on.retransmission();
        }
        assertThat(registry.get("cloudgate.overload.retransmissions").gauge().value()).isEqualTo(1);
    }
}
