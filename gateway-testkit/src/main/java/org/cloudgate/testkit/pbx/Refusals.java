package org.cloudgate.testkit.pbx;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;

/**
 * Every request the simulated PBX turns down, answered with a status that says why and counted
 * under {@code cloudgate.testkit.pbx.refused} with a low-cardinality {@code reason}, so a test or
 * a demo run sees a misrouted or misauthenticated gateway at once.
 */
final class Refusals {

    private final MeterRegistry registry;

    Refusals(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A response with {@code status} to {@code request}, counted under {@code reason}; the caller releases it. */
    SipResponse response(SipRequest request, int status, String reasonPhrase, String reason) {
        count(reason);
        return SipErrorResponse.of(request, status, reasonPhrase);
    }

    void count(String reason) {
        Counter.builder("cloudgate.testkit.pbx.refused")
                .description("Requests the simulated PBX refused, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
