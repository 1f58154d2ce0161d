package org.cloudgate.sip.transaction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of the transaction layers: transactions started and active by side, retransmissions
 * absorbed, timeouts, and requests refused before a transaction (merged 482, unmatched CANCEL 481).
 * One instance serves every event loop's layer.
 */
public final class TransactionMetrics {

    private final AtomicInteger active = new AtomicInteger();
    private final Counter clientStarted;
    private final Counter serverStarted;
    private final Counter absorbed;
    private final Counter timeouts;
    private final Counter merged;
    private final Counter unmatchedCancel;
    private final Counter strayResponses;

    public TransactionMetrics(MeterRegistry registry) {
        Gauge.builder("cloudgate.sip.transactions.active", active, AtomicInteger::get)
                .description("SIP transactions in progress (RFC 3261 section 17)")
                .register(registry);
        clientStarted = started(registry, "client");
        serverStarted = started(registry, "server");
        absorbed = Counter.builder("cloudgate.sip.retransmissions.absorbed")
                .description("Retransmitted SIP requests answered by their transaction without reaching the call logic")
                .register(registry);
        timeouts = Counter.builder("cloudgate.sip.transaction.timeouts")
                .description("Client transactions that got no final response in 64*T1 (timers B and F), ending in 408")
                .register(registry);
        merged = refused(registry, "merged");
        unmatchedCancel = refused(registry, "cancel-unmatched");
        strayResponses = Counter.builder("cloudgate.sip.responses.stray")
                .description("SIP responses that matched no client transaction")
                .register(registry);
    }

    /** Meters that go nowhere, for tests and tools. */
    public static TransactionMetrics none() {
        return new TransactionMetrics(new SimpleMeterRegistry());
    }

    private static Counter started(MeterRegistry registry, String side) {
        return Counter.builder("cloudgate.sip.transactions")
                .description("SIP transactions started, by side (client: sent by the gateway, server: received)")
                .tag("side", side)
                .register(registry);
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("cloudgate.sip.requests.refused")
                .description("SIP requests the transaction layer answered itself with an error, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    void started(boolean client) {
        active.incrementAndGet();
        (client ? clientStarted : serverStarted).increment();
    }

    void ended() {
        active.decrementAndGet();
    }

    void absorbed() {
        absorbed.increment();
    }

    void timedOut() {
        timeouts.increment();
    }

    void merged() {
        merged.increment();
    }

    void unmatchedCancel() {
        unmatchedCancel.increment();
    }

    void stray() {
        strayResponses.increment();
    }
}
