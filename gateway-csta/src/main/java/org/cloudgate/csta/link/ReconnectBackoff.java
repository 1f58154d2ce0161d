package org.cloudgate.csta.link;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays that double from a minimum to a maximum, each drawn uniformly between half
 * and all of the current step ("equal jitter"), so that gateways restarted together do not
 * reconnect in lockstep. A successful session resets the sequence.
 */
final class ReconnectBackoff {

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int attempt;

    ReconnectBackoff(Duration min, Duration max, DoubleSupplier random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt. */
    Duration next() {
        long step = minMillis << Math.min(attempt, 20);
        if (step <= 0 || step > maxMillis) {
            step = maxMillis;
        }
        attempt++;
        long half = step / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
    }

    /** Starts again from the minimum. */
    void reset() {
        attempt = 0;
    }
}
