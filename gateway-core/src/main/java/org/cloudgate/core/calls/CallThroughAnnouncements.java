package org.cloudgate.core.calls;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Destinations users announced for call-through dial-in: the user's app says "I am about to call
 * this number", the user's GSM then calls the call-through DDI, and the gateway connects that call
 * to the destination as the user. An announcement is used once and expires after the configured
 * validity. Safe from any thread.
 */
public final class CallThroughAnnouncements {

    private record Announcement(String destination, long expiresAtNanos) {
    }

    private final Map<String, Announcement> byGsm = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private volatile long validityNanos;

    public CallThroughAnnouncements(Duration validity, LongSupplier nanoClock) {
        this.validityNanos = validity.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Announces {@code destination} for the user whose GSM number is {@code gsm}, replacing an
     * earlier announcement.
     *
     * @return how long it stays valid
     */
    public Duration announce(String gsm, String destination) {
        if (!DialPlan.dialable(destination)) {
            throw new IllegalArgumentException("\"" + destination + "\" is not a number to call");
        }
        long now = nanoClock.getAsLong();
        byGsm.values().removeIf(a -> a.expiresAtNanos() - now <= 0);
        byGsm.put(gsm, new Announcement(destination, now + validityNanos));
        return Duration.ofNanos(validityNanos);
    }

    /** Takes the destination announced for {@code gsm}, if one is still valid. */
    String take(String gsm) {
        Announcement announcement = byGsm.remove(gsm);
        if (announcement == null || announcement.expiresAtNanos() - nanoClock.getAsLong() <= 0) {
            return null;
        }
        return announcement.destination();
    }
}
