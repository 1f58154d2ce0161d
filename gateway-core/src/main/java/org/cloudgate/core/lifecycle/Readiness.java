package org.cloudgate.core.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether the daemon can do its work, as the sum of named checks: each listener reports when it
 * is bound, the lifecycle reports when it is draining; later the PBX and CSTA links report their
 * state. Served on {@code /health/ready}; exported as the {@code cloudgate.ready} gauge.
 */
public final class Readiness {

    /** One named check. {@code detail} is for people: an address, a state, a reason. */
    public record Check(String name, boolean up, String detail) {
    }

    private final Map<String, Supplier<Check>> checks = new LinkedHashMap<>();

    public Readiness(MeterRegistry registry) {
        Gauge.builder("cloudgate.ready", this, r -> r.ready() ? 1 : 0)
                .description("1 when every readiness check passes (the same answer as /health/ready)")
                .register(registry);
    }

    public synchronized void report(String name, boolean up, String detail) {
        Check check = new Check(name, up, detail);
        checks.put(name, () -> check);
    }

    /** A check whose answer is asked at each request, for state that changes on its own. */
    public synchronized void track(String name, Supplier<Check> check) {
        checks.put(name, check);
    }

    /** Ready when there is at least one check and every check is up. */
    public synchronized boolean ready() {
        if (checks.isEmpty()) {
            return false;
        }
        for (Supplier<Check> check : checks.values()) {
            if (!check.get().up()) {
                return false;
            }
        }
        return true;
    }

    public synchronized List<Check> checks() {
        List<Check> current = new ArrayList<>(checks.size());
        for (Supplier<Check> check : checks.values()) {
            current.add(check.get());
        }
        return current;
    }
}
