package org.cloudgate.core.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The operator's "Service enabled" switch as the running daemon sees it; changes on reload.
 * Components that take calls and registrations consult it and answer 503 while it is off.
 */
public final class ServiceState {

    private volatile boolean enabled;

    public ServiceState(boolean enabled, MeterRegistry registry) {
        this.enabled = enabled;
        Gauge.builder("cloudgate.service.enabled", this, s -> s.enabled ? 1 : 0)
                .description("1 when the service is enabled, 0 when the operator switched it off")
                .register(registry);
    }

    public boolean enabled() {
        return enabled;
    }

    void set(boolean enabled) {
        this.enabled = enabled;
    }
}
