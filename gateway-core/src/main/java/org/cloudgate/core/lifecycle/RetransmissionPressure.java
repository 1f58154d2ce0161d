package org.cloudgate.core.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether the gateway answers INVITEs too late to take new calls. A caller retransmits its INVITE
 * when the gateway's 100 Trying has not reached it within T1 (500 ms), so on a healthy path
 * retransmitted INVITEs are rare; when the gateway falls behind its socket, they come by the
 * thousand, each call it accepts then is late from the start, and the calls already set up lose
 * their ACKs and BYEs in the same queue. New calls are refused (503) while, in the current or the
 * previous one-second window, at least {@link #MINIMUM} retransmitted INVITEs arrived and they were
 * at least {@code percent} percent of the new ones. Calls up, and registrations, go on. A second
 * with few retransmissions lets new calls in again.
 */
public final class RetransmissionPressure {

    /** Fewer retransmitted INVITEs than this in a window never mean overload: a lossy path to one caller. */
    static final int MINIMUM = 20;

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Never under pressure: the check is off. */
    public static final RetransmissionPressure NONE = new RetransmissionPressure(0, System::nanoTime);

    private final int percent;
    private final LongSupplier clock;
    private long window = Long.MIN_VALUE;
    private int invites;
    private int retransmissions;
    private boolean previousLate;

    RetransmissionPressure(int percent, LongSupplier clock) {
        this.percent = percent;
        this.clock = clock;
    }

    /**
     * @param percent retransmitted INVITEs per hundred new ones that make the gateway refuse new
     *                calls; 0 turns the check off
     */
    public static RetransmissionPressure of(int percent, MeterRegistry registry) {
        if (percent <= 0) {
            return NONE;
        }
        RetransmissionPressure pressure = new RetransmissionPressure(percent, System::nanoTime);
        Gauge.builder("cloudgate.overload.retransmissions", pressure, p -> p.high() ? 1 : 0)
                .description("1 while new calls are refused because callers retransmit their INVITEs: the gateway answers late")
                .register(registry);
        return pressure;
    }

    /** A new INVITE arrived (refused or not). */
    public synchronized void invite() {
        if (percent > 0) {
            roll();
            invites++;
        }
    }

    /** A retransmitted INVITE arrived, absorbed by its transaction. */
    public synchronized void retransmission() {
        if (percent > 0) {
            roll();
            retransmissions++;
        }
    }

    /** Whether new calls are to be refused now. */
    public synchronized boolean high() {
        if (percent <= 0) {
            return false;
        }
        roll();
        return previousLate || late(invites, retransmissions);
    }

    /** Starts a new window when the clock has left the current one; a gap of windows counts as quiet. */
    private void roll() {
        long now = Math.floorDiv(clock.getAsLong(), WINDOW_NANOS);
        if (now == window) {
            return;
        }
        previousLate = now == window + 1 && late(invites, retransmissions);
        window = now;
        invites = 0;
        retransmissions = 0;
    }

    private boolean late(int newInvites, int retransmitted) {
        return retransmitted >= MINIMUM && (long) retransmitted * 100 >= (long) percent * newInvites;
    }
}
