package org.cloudgate.core.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The event stream's meters: clients connected, requests and messages refused, clients the
 * gateway disconnected and gaps reported, each by a low-cardinality {@code reason}.
 */
final class EventStreamMetrics {

    /** Upgrade requests refused before the handshake, and messages a client should not have sent. */
    static final List<String> REFUSALS = List.of("bad_request", "too_many_clients", "not_websocket",
            "client_message");
    /** Why the gateway ended a client's stream. */
    static final List<String> DROPS = List.of("unresponsive", "protocol_error", "write_failed",
            "connection_error", "handshake_failed", "shutdown");

    private final Map<String, Counter> refused = new HashMap<>();
    private final Map<String, Counter> dropped = new HashMap<>();
    private final Map<GapReason, Counter> gaps = new HashMap<>();

    EventStreamMetrics(MeterRegistry registry, IntSupplier clients) {
        Gauge.builder("cloudgate.api.events.clients", clients::getAsInt)
                .description("WebSocket clients connected to the event stream")
                .register(registry);
        for (String reason : REFUSALS) {
            refused.put(reason, Counter.builder("cloudgate.api.events.refused")
                    .description("Event stream requests and client messages refused, by reason")
                    .tag("reason", reason).register(registry));
        }
        for (String reason : DROPS) {
            dropped.put(reason, Counter.builder("cloudgate.api.events.clients.dropped")
                    .description("Event stream clients the gateway disconnected, by reason")
                    .tag("reason", reason).register(registry));
        }
        for (GapReason reason : GapReason.values()) {
            gaps.put(reason, Counter.builder("cloudgate.api.events.gaps")
                    .description("Gap messages sent: events a client asked for or fell behind on were no longer "
                            + "in the journal, by reason")
                    .tag("reason", reason.label()).register(registry));
        }
    }

    void refused(String reason) {
        count(refused, reason);
    }

    void dropped(String reason) {
        count(dropped, reason);
    }

    void gap(GapReason reason) {
        gaps.get(reason).increment();
    }

    private static void count(Map<String, Counter> counters, String reason) {
        Counter counter = counters.get(reason);
        if (counter == null) {
            throw new IllegalArgumentException("no counter for reason " + reason);
        }
        counter.increment();
    }
}
