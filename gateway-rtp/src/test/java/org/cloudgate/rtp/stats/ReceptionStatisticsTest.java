package org.cloudgate.rtp.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReceptionStatisticsTest {

    private static final long MS = 1_000_000L;
    private final ReceptionStatistics stats = new ReceptionStatistics(ClockRates.staticTypes());

    private void packet(int seq, long timestamp, long arrivalNanos) {
        stats.onRtp(seq & 0xffff, timestamp, 0, 0x1234, 172, arrivalNanos);
    }

    @Test
    void steadyStreamHasNoLossAndNoJitter() {
        for (int i = 0; i < 100; i++) {
            packet(1000 + i, 160L * i, 20 * MS * i);
        }

        assertThat(stats.packets()).isEqualTo(100);
        assertThat(stats.octets()).isEqualTo(17200);
        assertThat(stats.expected()).isEqualTo(100);
        assertThat(stats.lost()).isZero();
        assertThat(stats.jitterUnits()).isZero();
    }

    @Test
    void gapsCountAsLoss() {
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) {
                packet(i, 160L * i, 20 * MS * i);
            }
        }

        assertThat(stats.expected()).isEqualTo(100);
        assertThat(stats.lost()).isEqualTo(10);
        assertThat(stats.lossRatio()).isEqualTo(0.1);
    }

    @Test
    void sequenceWrapIsNotLoss() {
        for (int i = 0; i < 200; i++) {
            packet(65500 + i, 160L * i, 20 * MS * i);
        }

        assertThat(stats.expected()).isEqualTo(200);
        assertThat(stats.lost()).isZero();
    }

    @Test
    void lossAcrossTheWrapIsCounted() {
        for (int i = 0; i < 200; i++) {
            if (i != 35 && i != 36) {
                packet(65500 + i, 160L * i, 20 * MS * i);
            }
        }

        assertThat(stats.expected()).isEqualTo(200);
        assertThat(stats.lost()).isEqualTo(2);
    }

    @Test
    void lateAndDuplicatePacketsAreReorderedNotLost() {
        packet(1, 0, 0);
        packet(3, 320, 40 * MS);
        packet(2, 160, 41 * MS);
        packet(3, 320, 42 * MS);
        packet(4, 480, 60 * MS);

        assertThat(stats.expected()).isEqualTo(4);
        assertThat(stats.lost()).isZero();
        assertThat(stats.reordered()).isEqualTo(2);
    }

    @Test
    void ssrcChangeStartsANewSequenceSpace() {
        for (int i = 0; i < 50; i++) {
            packet(100 + i, 160L * i, 20 * MS * i);
        }
        for (int i = 0; i < 50; i++) {
            stats.onRtp(40000 + i, 999_000L + 160L * i, 0, 0x9999, 172, 20 * MS * (50 + i));
        }

        assertThat(stats.expected()).isEqualTo(100);
        assertThat(stats.lost()).isZero();
    }

    @Test
    void restartAfterLargeJumpResynchronises() {
        for (int i = 0; i < 10; i++) {
            packet(i, 160L * i, 20 * MS * i);
        }
        for (int i = 0; i < 10; i++) {
            packet(30000 + i, 160L * (10 + i), 20 * MS * (10 + i));
        }

        assertThat(stats.expected()).isEqualTo(19);
        assertThat(stats.lost()).isZero();
    }

    @Test
    void jitterFollowsRfc3550A8() {
        // Packets sent every 20 ms arrive alternately 0 and 4 ms late: |D| = 32 units each time
        // after the first, so J converges to 32 from J(i) = J(i-1) + (32 - J(i-1)) / 16.
        double expected = 0;
        for (int i = 0; i < 400; i++) {
            long delay = (i % 2) * 4 * MS;
            packet(i, 160L * i, 20 * MS * i + delay);
            if (i > 0) {
                expected += (32 - expected) / 16;
            }
        }

        assertThat(stats.jitterUnits()).isCloseTo(expected, within(1e-9));
        assertThat(stats.jitterMillis()).isCloseTo(4.0, within(0.01));
    }

    @Test
    void jitterSurvivesTimestampWrap() {
        for (int i = 0; i < 100; i++) {
            packet(i, (0xffffffffL - 800 + 160L * i) & 0xffffffffL, 20 * MS * i);
        }

        assertThat(stats.jitterUnits()).isZero();
    }

    @Test
    void unknownClockRateLeavesJitterAlone() {
        for (int i = 0; i < 10; i++) {
            stats.onRtp(i, 160L * i, 96, 1, 100, 20 * MS * i + (i % 2) * 5 * MS);
        }

        assertThat(stats.jitterUnits()).isZero();
        assertThat(stats.packets()).isEqualTo(10);
    }

    @Test
    void dynamicClockRatesComeFromSdp() {
        ClockRates rates = ClockRates.withDynamic(java.util.Map.of(111, 48000));

        assertThat(rates.rate(111)).isEqualTo(48000);
        assertThat(rates.rate(9)).isEqualTo(8000);
        assertThat(rates.rate(31)).isEqualTo(90000);
        assertThat(rates.rate(200)).isZero();
    }
}
