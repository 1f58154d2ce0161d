package org.cloudgate.core.api.security;

import java.util.function.LongSupplier;

/**
 * A token bucket (the shaping rule of RFC 2697 section 3, one rate and one burst size): holds
 * up to {@code burst} requests, refilled at {@code perSecond}; a request takes one or is refused
 * with the time until one is back. Safe from any thread.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double available;
    private long last;

    public TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.capacity = burst;
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.nanoClock = nanoClock;
        this.available = burst;
        this.last = nanoClock.getAsLong();
    }

    /**
     * Takes one request from the bucket.
     *
     * @return 0 when the request may go ahead, otherwise the nanoseconds until it would
     */
    public synchronized long take() {
        long now = nanoClock.getAsLong();
        available = Math.min(capacity, available + (now - last) * perNano);
        last = now;
        if (available >= 1) {
            available -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - available) / perNano));
    }
}
