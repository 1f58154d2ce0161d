package org.cloudgate.csta.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
        Gauge.builder("cloudgate.csta.link.state", state, AtomicInteger::get)
                .description("CSTA link to the PBX: 0 down, 1 connecting, 2 up")
                .register(registry);
        reconnects = Counter.builder("cloudgate.csta.link.reconnects")
                .description("Connection attempts of the CSTA link after the first")
                .register(registry);
        ignoredElements = Counter.builder("cloudgate.csta.ignored.elements")
                .description("XML elements of CSTA messages the gateway does not know and skipped")
                .register(registry);
        unrecognized = Counter.builder("cloudgate.csta.unrecognized")
                .description("CSTA messages of a kind the gateway does not handle")
                .register(registry);
        monitorLimit = Counter.builder("cloudgate.csta.monitor.limit")
                .description("MonitorStart refused with overallMonitorLimitExceeded: too few CSTA licences on the PBX")
                .register(registry);
        for (EventType type : EventType.values()) {
            events.put(type, Counter.builder("cloudgate.csta.events")
                    .description("CSTA events received from the PBX, by type")
                    .tag("type", label(type.name()))
                    .register(registry));
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
        Counter.builder("cloudgate.csta.decode.failures")
                .description("CSTA frames that could not be decoded (the link is reset), by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void request(Operation operation, String outcome, long nanos) {
        Timer.builder("cloudgate.csta.requests")
                .description("CSTA requests to the PBX and the time to their answer, by operation and outcome")
                .tag("operation", label(operation.name()))
                .tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String label(String constant) {
        return constant.toLowerCase(Locale.ROOT);
    }
}
