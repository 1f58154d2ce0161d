package org.cloudgate.sip.registration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudgate.sip.auth.DigestFailure;

/**
 * Meters of the registrar: bindings active, REGISTER attempts by result, and digest failures by
 * reason. Tags are fixed enumerations, never a user or address.
 */
public final class RegistrarMetrics {

    /** How a REGISTER ended, the {@code result} tag. */
    public enum Result {
        OK("ok"),
        UNAUTHORIZED("unauthorized"),
        FORBIDDEN("forbidden"),
        INTERVAL_TOO_BRIEF("interval-too-brief"),
        /** Refused without a challenge: the source failed authentication too often. */
        THROTTLED("throttled"),
        BAD_REQUEST("bad-request");

        private final String tag;

        Result(String tag) {
            this.tag = tag;
        }
    }

    private final AtomicInteger active = new AtomicInteger();
    private final Map<Result, Counter> attempts = new EnumMap<>(Result.class);
    private final Map<DigestFailure, Counter> digestFailures = new EnumMap<>(DigestFailure.class);

    public RegistrarMetrics(MeterRegistry registry) {
        Gauge.builder("cloudgate.sip.registrations.active", active, AtomicInteger::get)
                .description("Contacts registered by clients at the gateway (RFC 3261 section 10.3 bindings)")
                .register(registry);
        for (Result result : Result.values()) {
            attempts.put(result, Counter.builder("cloudgate.sip.registration.attempts")
                    .description("REGISTER requests answered by the registrar, by result")
                    .tag("result", result.tag)
                    .register(registry));
        }
        for (DigestFailure failure : DigestFailure.values()) {
            digestFailures.put(failure, Counter.builder("cloudgate.sip.digest.failures")
                    .description("Credentials not accepted, by reason (a missing one is a client's first request)")
                    .tag("reason", failure.tag())
                    .register(registry));
        }
    }

    /** Meters nobody reads, for tests and tools. */
    public static RegistrarMetrics none() {
        return new RegistrarMetrics(new SimpleMeterRegistry());
    }

    void attempt(Result result) {
        attempts.get(result).increment();
    }

    public void digestFailure(DigestFailure failure) {
        digestFailures.get(failure).increment();
    }

    void bindings(int delta) {
        active.addAndGet(delta);
    }
}
