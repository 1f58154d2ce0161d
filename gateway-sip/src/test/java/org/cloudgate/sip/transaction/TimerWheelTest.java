package org.cloudgate.sip.transaction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop's timer wheel on a frozen clock: never early, at most a tick late, cancel, turns, re-entry. */
class TimerWheelTest {

    private final FrozenLoop clock = new FrozenLoop();
    private final List<String> fired = new ArrayList<>();
    private TimerWheel wheel;

    @BeforeEach
    void create() {
        wheel = new TimerWheel(clock.loop());
    }

    @AfterEach
    void close() {
        clock.close();
    }

    private void advance(long millis) {
        clock.advance(millis);
    }

    private TimerWheel.Timer arm(String name, long millis) {
        return wheel.schedule(() -> fired.add(name), millis, TimeUnit.MILLISECONDS);
    }

    @Test
    void aTimerFiresAtItsDeadlineOrTheTickAfterNeverBefore() {
        advance(3);
        arm("a", 500);
        advance(499);
        assertThat(fired).isEmpty();
        advance(1 + TimerWheel.TICK_MILLIS);
        assertThat(fired).containsExactly("a");
        assertThat(wheel.size()).isZero();
    }

    @Test
    void anAbsoluteDeadlineCountsFromItsOwnStartAndOneAlreadyPastFiresAtTheNextTick() {
        long start = clock.nanoTime();
        advance(300);
        wheel.scheduleAt(() -> fired.add("at"), start + TimeUnit.MILLISECONDS.toNanos(500));
        wheel.scheduleAt(() -> fired.add("past"), start);
        advance(TimerWheel.TICK_MILLIS);
        assertThat(fired).containsExactly("past");
        advance(190 - TimerWheel.TICK_MILLIS - 1);
        assertThat(fired).containsExactly("past");
        advance(1 + TimerWheel.TICK_MILLIS);
        assertThat(fired).containsExactly("past", "at");
    }

    @Test
    void aCancelledTimerDoesNotFire() {
        TimerWheel.Timer a = arm("a", 100);
        arm("b", 100);
        a.cancel();
        a.cancel();
        assertThat(wheel.size()).isOne();
        advance(200);
        assertThat(fired).containsExactly("b");
    }

    @Test
    void deadlinesBeyondOneTurnWaitForTheirTurn() {
        arm("late", 32_000);
        arm("hour", 3_600_000);
        advance(31_990);
        assertThat(fired).isEmpty();
        advance(20);
        assertThat(fired).containsExactly("late");
        advance(3_600_000 - 32_010 - 10);
        assertThat(fired).containsExactly("late");
        advance(20);
        assertThat(fired).containsExactly("late", "hour");
    }

    @Test
    void aLateDriverRunsEveryMissedTimerInDeadlineOrder() {
        arm("third", 3_000);
        arm("first", 10);
        arm("second", 700);
        advance(10_000);
        assertThat(fired).containsExactly("first", "second", "third");
    }

    @Test
    void aTaskMayArmAndCancelTimersOfItsOwnSlot() {
        TimerWheel.Timer[] victim = new TimerWheel.Timer[1];
        wheel.schedule(() -> {
            fired.add("a");
            victim[0].cancel();
            arm("again", 0);
        }, 50, TimeUnit.MILLISECONDS);
        victim[0] = arm("victim", 50);
        advance(60);
        advance(TimerWheel.TICK_MILLIS);
        assertThat(fired).containsExactly("a", "again");
        assertThat(wheel.size()).isZero();
    }

    @Test
    void anEarlierTimerArmedWhileTheDriverSleepsIsNotMissed() {
        arm("later", 4_000);
        advance(100);
        arm("sooner", 50);
        advance(60);
        assertThat(fired).containsExactly("sooner");
    }

    @Test
    void manyRandomTimersFireOnceEachAndNeverEarly() {
        Random random = new Random(7);
        int[] firedCount = new int[2_000];
        long[] deadline = new long[firedCount.length];
        long[] now = {0};
        List<TimerWheel.Timer> timers = new ArrayList<>();
        for (int i = 0; i < firedCount.length; i++) {
            int id = i;
            long delay = random.nextInt(20_000);
            deadline[i] = delay;
            timers.add(wheel.schedule(() -> {
                assertThat(now[0]).as("timer %d", id).isGreaterThanOrEqualTo(deadline[id]);
                assertThat(now[0]).as("timer %d", id).isLessThan(deadline[id] + 2 * TimerWheel.TICK_MILLIS);
                firedCount[id]++;
            }, delay, TimeUnit.MILLISECONDS));
        }
        for (int i = 0; i < firedCount.length; i += 3) {
            timers.get(i).cancel();
        }
        while (now[0] < 21_000) {
            now[0] += 7;
            advance(7);
        }
        for (int i = 0; i < firedCount.length; i++) {
            assertThat(firedCount[i]).as("timer %d", i).isEqualTo(i % 3 == 0 ? 0 : 1);
        }
        assertThat(wheel.size()).isZero();
    }

    @Test
    void clearDropsEveryTimer() {
        arm("a", 10);
        arm("b", 10_000);
        wheel.clear();
        advance(20_000);
        assertThat(fired).isEmpty();
        assertThat(wheel.size()).isZero();
    }
}
