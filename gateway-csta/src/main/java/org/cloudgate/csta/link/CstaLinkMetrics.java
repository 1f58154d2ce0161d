package org.cloudgate.csta.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudgate.csta.model.EventType;
import org.cloudgate.csta.model.Operation;

/**
 * The meters of a CSTA link. Tags are low-cardinality: operation, outcome, event type, reason;
 * never a device or call.
 *
 * <ul>
 *   <li>{@code csta.link.state}: 0 down, 1 connecting, 2 up
 *   <li>{@code csta.link.reconnects}: connections lost and retried
 *   <li>{@code csta.requests} (timer): by {@code operation} and {@code outcome}
 *       (success, error, reject, timeout, link_down)
 *   <li>{@code csta.events}: by {@code type}
 *   <li>{@code csta.decode.failures}: by {@code reason} (framing, oversized, malformed)
 *   <li>{@code csta.ignored.elements}: unknown fields and elements skipped by the decoders
 *   <li>{@code csta.unrecognized}: well-formed messages outside the supported subset
 *   <li>{@code csta.monitor.limit}: requests refused with overallMonitorLimitExceeded, i.e. too
 *       few CSTA licences on the PBX
 * </ul>
 */
final class CstaLinkMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger state = new AtomicInteger();
    private final Counter reconnects;
    private final Counter ignoredElements;
    private final Counter unrecognized;
    private final Counter monitorLimit;
    private final Map<EventType, Counter> events = new EnumMap<>(EventType.class);

    CstaLinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("csta.link.state", state);
        reconnects = registry.counter("csta.link.reconnects");
        ignoredElements = registry.counter("csta.ignored.elements");
        unrecognized = registry.counter("csta.unrecognized");
        monitorLimit = registry.counter("csta.monitor.limit");
        for (EventType type : EventType.values()) {
            events.put(type, registry.counter("csta.events", "type", label(type.name())));
        }
    }

    void state(LinkState linkState) {
        state.set(linkState.ordinal());
    }

    void reconnect() {
        reconnects.increment();
    }

    void event(EventType type) {
        events.get(type).increment();
    }

    void ignored(int count) {
        if (count > 0) {
            ignoredElements.increment(count);
        }
    }

    void unrecognized() {
        unrecognized.increment();
    }

    void monitorLimit() {
        monitorLimit.increment();
    }

    void decodeFailure(String reason) {
        registry.counter("csta.decode.failures", "reason", reason).increment();
    }

    void request(Operation operation, String outcome, long nanos) {
        Timer.builder("csta.requests")
                .tag("operation", label(operation.name()))
                .tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String label(String constant) {
        return constant.toLowerCase(Locale.ROOT);
    }
}
