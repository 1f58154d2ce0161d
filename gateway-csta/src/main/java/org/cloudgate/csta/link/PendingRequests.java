package org.cloudgate.csta.link;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.Operation;

/**
 * The requests sent and not yet answered, by invoke identifier. Identifiers cycle through
 * 1..max, skipping those still in use (ECMA-323 Annex J.2 allows four digits and reserves 9999
 * for events; ROSE allows any INTEGER). Used on the link's event loop only.
 */
final class PendingRequests {

    /** One request awaiting its answer. */
    record Pending(Operation operation, CompletableFuture<CstaResult> future, long startNanos,
                   ScheduledFuture<?> timeout) {
    }

    private final int maxInvokeId;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private int lastInvokeId;

    PendingRequests(int maxInvokeId) {
        this.maxInvokeId = maxInvokeId;
    }

    /** A free invoke identifier, or -1 when every one is in flight. */
    int allocate() {
        for (int tries = 0; tries < maxInvokeId; tries++) {
            lastInvokeId = lastInvokeId % maxInvokeId + 1;
            if (!pending.containsKey(lastInvokeId)) {
                return lastInvokeId;
            }
        }
        return -1;
    }

    void add(int invokeId, Pending request) {
        pending.put(invokeId, request);
    }

    /** Removes and returns the request with this identifier, or {@code null} if it is not pending. */
    Pending remove(int invokeId) {
        return pending.remove(invokeId);
    }

    /** Removes and returns every pending request. */
    List<Pending> drain() {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        return all;
    }

    int size() {
        return pending.size();
    }
}
