package org.cloudgate.sip.registration;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: a source address whose REGISTERs fail authentication
 * {@code failures} times within {@code window} is refused outright for {@code block}, without
 * a new challenge. A successful authentication clears its record. The first, unauthenticated
 * REGISTER of every client and a stale nonce do not count as failures.
 *
 * <p>Memory is bounded: the least recently seen sources are forgotten beyond
 * {@link #TRACKED_SOURCES}. Used on the registrar's event loop only; no locks.
 */
public final class AuthenticationThrottle {

    /** How many failures, within what window, block a source for how long. */
    public record Limits(int failures, Duration window, Duration block) {

        public static final Limits DEFAULTS = new Limits(10, Duration.ofMinutes(1), Duration.ofMinutes(5));

        public Limits {
            if (failures < 1 || window.isNegative() || window.isZero() || block.isNegative() || block.isZero()) {
                throw new IllegalArgumentException("need at least one failure and positive durations: " + failures
                        + ", " + window + ", " + block);
            }
        }
    }

    static final int TRACKED_SOURCES = 10_000;

    /** Failures of one source in its current window, and until when it is blocked. */
    private static final class Record {
        long windowStart;
        int failures;
        boolean blocking;
        long blockedUntil;
    }

    private final Limits limits;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Record> bySource = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Record> eldest) {
            return size() > TRACKED_SOURCES;
        }
    };

    /** @param nanoClock the registrar loop's ticker */
    public AuthenticationThrottle(Limits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /** Whether requests from {@code source} are refused right now. */
    boolean blocked(InetAddress source) {
        Record record = bySource.get(source);
        return record != null && record.blocking && nanoClock.getAsLong() - record.blockedUntil < 0;
    }

    /** An authentication from {@code source} failed; blocks it when this is one failure too many. */
    void failed(InetAddress source) {
        long now = nanoClock.getAsLong();
        Record record = bySource.computeIfAbsent(source, s -> new Record());
        if (record.failures == 0 || now - record.windowStart > limits.window().toNanos()) {
            record.windowStart = now;
            record.failures = 0;
        }
        if (++record.failures >= limits.failures()) {
            record.blocking = true;
            record.blockedUntil = now + limits.block().toNanos();
            record.failures = 0;
        }
    }

    /** {@code source} authenticated: its past failures are forgiven. */
    void succeeded(InetAddress source) {
        bySource.remove(source);
    }
}
