package org.cloudgate.core.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Which share of new calls to refuse because the gateway answers INVITEs too late. A caller
 * retransmits its INVITE when the gateway's 100 Trying has not reached it within T1 (500 ms), so
 * on a healthy path retransmitted INVITEs are rare; when the gateway falls behind its socket they
 * come by the thousand, each call it accepts then is late from the start, and the calls already
 * set up lose their ACKs and BYEs in the same queue.
 *
 * <p>A one-second window is late when at least {@link #MINIMUM} retransmitted INVITEs arrived in
 * it and they were at least {@code percent} percent of the new ones. The share of new calls
 * refused (503) rises by {@link #STEP} as soon as a window turns late and after every late second
 * that follows, up to all of them, and halves after every second that was not late (loss-based
 * control in the manner of RFC 7339): a short stall costs a few calls, a gateway that stays behind
 * sheds what it cannot carry. Calls up, and registrations, go on. Refusals are spread evenly over
 * the INVITEs, not drawn at random.
 */
public final class RetransmissionPressure {

    /** Fewer retransmitted INVITEs than this in a window never mean overload: a lossy path to one caller. */
    static final int MINIMUM = 20;
    /** How much the refused share rises per late second. */
    static final double STEP = 0.25;
    /** Below this the refused share is taken as none. */
    private static final double FLOOR = 0.02;

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Never refuses: the check is off. */
    public static final RetransmissionPressure NONE = new RetransmissionPressure(0, System::nanoTime);

    private final int percent;
    private final LongSupplier clock;
    private long window = Long.MIN_VALUE;
    private int invites;
    private int retransmissions;
    /** Whether the current window has already raised the share. */
    private boolean raised;
    private double share;
    private double credit;

    RetransmissionPressure(int percent, LongSupplier clock) {
        this.percent = percent;
        this.clock = clock;
    }

    /**
     * @param percent retransmitted INVITEs per hundred new ones that make a second late; 0 turns
     *                the check off
     */
    public static RetransmissionPressure of(int percent, MeterRegistry registry) {
        if (percent <= 0) {
            return NONE;
        }
        RetransmissionPressure pressure = new RetransmissionPressure(percent, System::nanoTime);
        Gauge.builder("cloudgate.overload.retransmissions", pressure, RetransmissionPressure::share)
                .description("Share of new calls refused (0 to 1) because callers retransmit their INVITEs: the gateway answers late")
                .register(registry);
        return pressure;
    }

    /**
     * A new INVITE arrived: whether to refuse it. Every INVITE that is not a retransmission passes
     * here once, refused or not.
     */
    public boolean refuse() {
        if (percent <= 0) {
            return false;   // off: no lock taken on the INVITE path
        }
        synchronized (this) {
            roll();
            invites++;
            credit += share;
            if (credit >= 1) {
                credit -= 1;
                return true;
            }
            return false;
        }
    }

    /** A retransmitted INVITE arrived, absorbed by its transaction. */
    public void retransmission() {
        if (percent <= 0) {
            return;
        }
        synchronized (this) {
            roll();
            retransmissions++;
            if (!raised && late()) {
                raised = true;
                share = Math.min(1, share + STEP);
            }
        }
    }

    /** The share of new calls refused now, 0 to 1. */
    public synchronized double share() {
        roll();
        return share;
    }

    /**
     * Starts a new window when the clock has left the current one. A late window raised the share
     * when it turned late; one that was not late halves it, and so does each whole window that
     * passed without an INVITE.
     */
    private void roll() {
        long now = Math.floorDiv(clock.getAsLong(), WINDOW_NANOS);
        if (now == window) {
            return;
        }
        if (window != Long.MIN_VALUE) {
            long quiet = late() ? now - window - 1 : now - window;
            share = quiet >= 30 ? 0 : share / (1L << quiet);
            if (share < FLOOR) {
                share = 0;
                credit = 0;
            }
        }
        window = now;
        invites = 0;
        retransmissions = 0;
        raised = false;
    }

    private boolean late() {
        return retransmissions >= MINIMUM && (long) retransmissions * 100 >= (long) percent * invites;
    }
}
