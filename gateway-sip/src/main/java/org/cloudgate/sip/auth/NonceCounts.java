package org.cloudgate.sip.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replay protection (RFC 7616 sections 3.4 and 5.5): the highest nonce-count accepted per nonce,
 * so a request whose nc is not above it is refused. Memory is bounded: beyond {@code capacity}
 * the least recently used nonce is dropped, and a dropped nonce cannot be replayed either:
 * every untracked nonce issued no later than the newest dropped one is treated as stale, and its
 * client simply gets a fresh nonce.
 *
 * <p>Used from one event loop; not thread-safe.
 */
final class NonceCounts {

    /** Outcome of {@link #accept}. */
    enum Use { ACCEPTED, REPLAYED, FORGOTTEN }

    private record Seen(long nc, long issuedAt) {
    }

    private final int capacity;
    private final Map<String, Seen> seen = new LinkedHashMap<>(16, 0.75f, true);
    private long droppedIssuedUpTo = Long.MIN_VALUE;

    NonceCounts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Records {@code nc} for {@code nonce}, issued at {@code issuedAt}, if it is above every count
     * accepted for that nonce.
     */
    Use accept(String nonce, long issuedAt, long nc) {
        Seen last = seen.get(nonce);
        if (last == null && issuedAt <= droppedIssuedUpTo) {
            return Use.FORGOTTEN;
        }
        if (last != null && nc <= last.nc()) {
            return Use.REPLAYED;
        }
        seen.put(nonce, new Seen(nc, issuedAt));
        if (seen.size() > capacity) {
            Iterator<Seen> eldest = seen.values().iterator();
            droppedIssuedUpTo = Math.max(droppedIssuedUpTo, eldest.next().issuedAt());
            eldest.remove();
        }
        return Use.ACCEPTED;
    }

    /** Nonces tracked now. */
    int size() {
        return seen.size();
    }
}
