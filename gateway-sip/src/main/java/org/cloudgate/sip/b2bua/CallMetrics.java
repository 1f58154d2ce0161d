package org.cloudgate.sip.b2bua;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of the B2BUA: calls active, started by kind, ended by outcome, and requests inside a
 * dialog the gateway does not know (481). Tags are fixed enumerations and the router's kinds,
 * never a number or a Call-ID.
 */
public final class CallMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final Map<CallOutcome, Counter> ended = new EnumMap<>(CallOutcome.class);
    private final Map<String, Counter> started = new ConcurrentHashMap<>();
    private final Counter unknownDialog;
    private final Counter relayedInDialog;

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("cloudgate.calls.active", active, AtomicInteger::get)
                .description("Calls the gateway carries now, from the first INVITE to the last BYE")
                .register(registry);
        for (CallOutcome outcome : CallOutcome.values()) {
            ended.put(outcome, Counter.builder("cloudgate.calls.ended")
                    .description("Calls ended, by outcome")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
        unknownDialog = Counter.builder("cloudgate.calls.unknown.dialog")
                .description("Requests inside a dialog the gateway does not know, answered 481 (RFC 3261 section 12.2.2)")
                .register(registry);
        relayedInDialog = Counter.builder("cloudgate.calls.in.dialog.requests")
                .description("Requests inside a call relayed from one leg to the other (BYE, re-INVITE, UPDATE, INFO, REFER...)")
                .register(registry);
        started("to-pbx");
        started("to-user");
    }

    /** Meters nobody reads, for tests and tools. */
    public static CallMetrics none() {
        return new CallMetrics(new SimpleMeterRegistry());
    }

    private Counter started(String kind) {
        return started.computeIfAbsent(kind, k -> Counter.builder("cloudgate.calls.started")
                .description("Calls placed toward their targets, by the router's kind")
                .tag("kind", k)
                .register(registry));
    }

    void callStarted(String kind) {
        active.incrementAndGet();
        started(kind).increment();
    }

    void callRefused() {
        ended.get(CallOutcome.REFUSED).increment();
    }

    void callEnded(CallOutcome outcome) {
        active.decrementAndGet();
        ended.get(outcome).increment();
    }

    void unknownDialog() {
        unknownDialog.increment();
    }

    void relayedInDialog() {
        relayedInDialog.increment();
    }

    /** Calls active now. */
    public int active() {
        return active.get();
    }
}
