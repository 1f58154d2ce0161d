package org.cloudgate.core.config;

import java.time.Duration;

/**
 * How the daemon stops: on SIGTERM it refuses new work and waits at most {@code drainTimeout}
 * for work in progress before it exits.
 */
public record LifecycleSettings(Duration drainTimeout) {

    static LifecycleSettings read(SettingsReader r) {
        return new LifecycleSettings(
                r.duration("cloudgate.lifecycle.drain-timeout", Duration.ZERO, Duration.ofHours(1)));
    }
}
