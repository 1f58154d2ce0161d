package org.cloudgate.bench.rtp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TickPacerTest {

    private static final long MS = 1_000_000L;

    private final List<Long> skipped = new ArrayList<>();
    private final TickPacer pacer = new TickPacer(MS, 20);

    @Test
    void onTimeTicksAreSentInOrder() {
        assertThat(pacer.next(0, skipped::add)).isEqualTo(0);
        assertThat(pacer.next(MS + 10, skipped::add)).isEqualTo(1);
        assertThat(pacer.next(2 * MS + 999_999, skipped::add)).isEqualTo(2);
        assertThat(skipped).isEmpty();
    }

    @Test
    void anInvocationAheadOfTheClockSendsNothing() {
        assertThat(pacer.next(0, skipped::add)).isEqualTo(0);
        assertThat(pacer.next(MS / 2, skipped::add)).isEqualTo(-1);
        assertThat(pacer.next(MS, skipped::add)).isEqualTo(1);
    }

    @Test
    void upToOnePeriodLateTheMissedTicksAreStillSentOneByOne() {
        assertThat(pacer.next(0, skipped::add)).isEqualTo(0);
        // 20 ticks late: ticks 1..20 are still within one packet period of their due time.
        for (long tick = 1; tick <= 21; tick++) {
            assertThat(pacer.next(21 * MS, skipped::add)).isEqualTo(tick);
        }
        assertThat(pacer.next(21 * MS, skipped::add)).isEqualTo(-1);
        assertThat(skipped).isEmpty();
    }

    @Test
    void moreThanOnePeriodLateTheMissedTicksAreSkippedNotBurst() {
        assertThat(pacer.next(0, skipped::add)).isEqualTo(0);
        // A 100 ms stall: ticks 1..99 are given up, tick 100 (due now) is sent.
        assertThat(pacer.next(100 * MS, skipped::add)).isEqualTo(100);
        assertThat(skipped).hasSize(99).startsWith(1L).endsWith(99L);
        // The scheduler's own catch-up invocations that follow send nothing.
        assertThat(pacer.next(100 * MS + 10, skipped::add)).isEqualTo(-1);
        assertThat(pacer.next(101 * MS, skipped::add)).isEqualTo(101);
    }
}
