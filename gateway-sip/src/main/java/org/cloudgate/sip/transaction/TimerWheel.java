package org.cloudgate.sip.transaction;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The one-shot timers of one event loop's calls and transactions, in a hashed timing wheel
 * (Varghese and Lauck, "Hashed and Hierarchical Timing Wheels", 1987): arming and cancelling a
 * timer are a few pointer writes, where the loop's own scheduled-task queue, a binary heap over
 * every timer of every call, sifts on both. Each call arms and cancels about eight (each
 * transaction's retransmission and timeout, RFC 3261 section 17; the ring and duration limits;
 * the 2xx retransmission until the ACK, section 13.3.1.4), nearly all of them cancelled before
 * they fire, so at thousands of calls a second that heap was a measurable share of the loop.
 *
 * <p>Resolution is one tick of {@value #TICK_MILLIS} ms: a timer fires at the first tick at or
 * after its deadline, never before it. One task on the loop's own queue drives the wheel, due at
 * the next tick that holds a timer; when the wheel is empty nothing runs. A late driver (a busy
 * loop, a pause) catches up every tick it missed in order.
 *
 * <p>Used from the loop's thread only; there are no locks.
 */
public final class TimerWheel {
    private static final Logger log = LoggerFactory.getLogger(TimerWheel.class);

    static final long TICK_MILLIS = 10;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    /** Slots in the wheel, a power of two: one turn is 5.12 s; later deadlines wait whole turns. */
    private static final int SLOTS = 512;
    private static final int MASK = SLOTS - 1;

    private final EventLoop loop;
    private final long epochNanos;
    /** Each slot's timers in arming order, so that timers of one tick fire in that order. */
    private final Timer[] slots = new Timer[SLOTS];
    private final Timer[] lasts = new Timer[SLOTS];
    /** Every tick before this one has been run. */
    private long nextTick;
    private int size;
    private ScheduledFuture<?> driver;
    private long driverTick;
    /** The driver is running timers; it schedules itself again when done. */
    private boolean advancing;

    public TimerWheel(EventLoop loop) {
        this.loop = loop;
        this.epochNanos = loop.ticker().nanoTime();
        this.nextTick = 1;
    }

    /** A timer armed on the wheel; {@link #cancel()} stops it if it has not fired. */
    public static final class Timer {
        private final TimerWheel wheel;
        private Runnable task;
        private final long deadlineTick;
        private Timer previous;
        private Timer next;
        private boolean linked;

        private Timer(TimerWheel wheel, Runnable task, long deadlineTick) {
            this.wheel = wheel;
            this.task = task;
            this.deadlineTick = deadlineTick;
        }

        /** Stops the timer; does nothing if it fired or was cancelled already. */
        public void cancel() {
            task = null;
            if (linked) {
                wheel.unlink(this);
            }
        }
    }

    /** Runs {@code task} on the loop once {@code delay} has passed. */
    public Timer schedule(Runnable task, long delay, TimeUnit unit) {
        return scheduleAt(task, loop.ticker().nanoTime() + unit.toNanos(delay));
    }

    /**
     * Runs {@code task} on the loop once its ticker reads {@code deadlineNanos}; at the next tick
     * if it already does.
     */
    public Timer scheduleAt(Runnable task, long deadlineNanos) {
        long deadlineTick = Math.max(nextTick, ceilTicks(deadlineNanos - epochNanos));
        Timer timer = new Timer(this, task, deadlineTick);
        link(timer);
        if (!advancing && (driver == null || deadlineTick < driverTick)) {
            drive(deadlineTick);
        }
        return timer;
    }

    /** Timers armed and not yet fired or cancelled. */
    public int size() {
        return size;
    }

    /** Drops every timer without running it: the stack is closing. */
    public void clear() {
        for (int i = 0; i < SLOTS; i++) {
            for (Timer t = slots[i]; t != null; t = t.next) {
                t.linked = false;
                t.task = null;
            }
            slots[i] = null;
            lasts[i] = null;
        }
        size = 0;
        if (driver != null) {
            driver.cancel(false);
            driver = null;
        }
    }

    private static long ceilTicks(long nanos) {
        return nanos <= 0 ? 0 : (nanos + TICK_NANOS - 1) / TICK_NANOS;
    }

    private void link(Timer timer) {
        int slot = (int) (timer.deadlineTick & MASK);
        Timer last = lasts[slot];
        timer.previous = last;
        if (last != null) {
            last.next = timer;
        } else {
            slots[slot] = timer;
        }
        lasts[slot] = timer;
        timer.linked = true;
        size++;
    }

    private void unlink(Timer timer) {
        int slot = (int) (timer.deadlineTick & MASK);
        if (timer.previous != null) {
            timer.previous.next = timer.next;
        } else {
            slots[slot] = timer.next;
        }
        if (timer.next != null) {
            timer.next.previous = timer.previous;
        } else {
            lasts[slot] = timer.previous;
        }
        timer.previous = null;
        timer.next = null;
        timer.linked = false;
        size--;
    }

    /** (Re)schedules the driver for {@code tick}. */
    private void drive(long tick) {
        if (driver != null) {
            driver.cancel(false);
        }
        driverTick = tick;
        long delay = epochNanos + tick * TICK_NANOS - loop.ticker().nanoTime();
        driver = loop.schedule(this::advance, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    /** The driver: runs every tick up to now, then sleeps until the next slot that holds a timer. */
    private void advance() {
        driver = null;
        long now = (loop.ticker().nanoTime() - epochNanos) / TICK_NANOS;
        advancing = true;
        try {
            while (nextTick <= now) {
                long tick = nextTick++;
                fire(tick);
            }
        } finally {
            advancing = false;
        }
        if (size > 0) {
            drive(nextOccupiedTick());
        }
    }

    /**
     * Runs the timers of {@code tick}'s slot that are due. Those are unlinked first, so a task may
     * cancel or arm any timer, in this slot too; one that a task cancelled before its turn does
     * not run.
     */
    private void fire(long tick) {
        int slot = (int) (tick & MASK);
        Timer due = null;
        Timer lastDue = null;
        Timer t = slots[slot];
        while (t != null) {
            Timer following = t.next;
            if (t.deadlineTick <= tick) {
                unlink(t);
                if (lastDue == null) {
                    due = t;
                } else {
                    lastDue.next = t;
                }
                lastDue = t;
            }
            t = following;
        }
        for (Timer timer = due; timer != null; ) {
            Timer following = timer.next;
            timer.next = null;
            Runnable task = timer.task;
            timer.task = null;
            if (task != null) {
                run(task);
            }
            timer = following;
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("a timer task failed", e);
        }
    }

    /** The first tick from {@link #nextTick} whose slot holds a timer (it may be due a turn later). */
    private long nextOccupiedTick() {
        for (long tick = nextTick; tick < nextTick + SLOTS; tick++) {
            if (slots[(int) (tick & MASK)] != null) {
                return tick;
            }
        }
        return nextTick + SLOTS;
    }
}
