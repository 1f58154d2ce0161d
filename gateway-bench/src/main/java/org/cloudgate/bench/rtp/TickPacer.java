package org.cloudgate.bench.rtp;

import java.util.function.LongConsumer;

/**
 * Keeps a packet generator's ticks on the wall clock, as a phone's packetisation is: tick {@code n}
 * is due {@code n * tickNanos} after the start. A scheduler that fell behind runs its missed
 * periods back to back; sending them all would offer a relay far more than the nominal rate right
 * when the host is slowest, and the burst's queueing would be read as the relay's latency. So a
 * tick more than one packet period late is not sent afterwards but skipped (and reported), and an
 * invocation ahead of the clock sends nothing.
 */
final class TickPacer {

    private final long tickNanos;
    private final int ticksPerPeriod;
    private long next;

    /**
     * @param tickNanos      time between ticks
     * @param ticksPerPeriod ticks in one packet period: the most a tick may be late and still be sent
     */
    TickPacer(long tickNanos, int ticksPerPeriod) {
        this.tickNanos = tickNanos;
        this.ticksPerPeriod = ticksPerPeriod;
    }

    /**
     * @param elapsedNanos time since the start
     * @param skipped      told each tick given up because it is more than a period late
     * @return the tick to send now, or -1 when every tick due has been sent
     */
    long next(long elapsedNanos, LongConsumer skipped) {
        long due = elapsedNanos / tickNanos;
        if (next > due) {
            return -1;
        }
        if (due - next > ticksPerPeriod) {
            for (; next < due; next++) {
                skipped.accept(next);
            }
        }
        return next++;
    }
}
