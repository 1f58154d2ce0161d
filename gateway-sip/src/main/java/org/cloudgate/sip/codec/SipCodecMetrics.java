package org.cloudgate.sip.codec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.cloudgate.sip.message.SipRejection;

/**
 * Counts what the decoders let through and what they refuse, per transport and reason:
 * {@code sip.messages.decoded{transport}} and {@code sip.messages.rejected{transport,reason}}.
 * Tags are low-cardinality by construction: the reason is a {@link SipRejection} tag, never
 * anything taken from the message.
 *
 * <p>{@link #NONE} counts nothing, for codecs used without a registry (tests, {@code sip-check}).
 */
public final class SipCodecMetrics {
    /** Counts nothing. */
    public static final SipCodecMetrics NONE = new SipCodecMetrics();

    private final Counter decoded;
    private final Map<SipRejection, Counter> rejected;

    private SipCodecMetrics() {
        this.decoded = null;
        this.rejected = null;
    }

    /**
     * Registers the counters for one transport.
     *
     * @param transport {@code udp}, {@code tcp} or {@code tls}
     */
    public SipCodecMetrics(MeterRegistry registry, String transport) {
        this.decoded = Counter.builder("cloudgate.sip.messages.decoded")
                .description("SIP messages that passed the syntax layer")
                .tag("transport", transport)
                .register(registry);
        this.rejected = new EnumMap<>(SipRejection.class);
        for (SipRejection reason : SipRejection.values()) {
            rejected.put(reason, Counter.builder("cloudgate.sip.messages.rejected")
                    .description("SIP messages refused or dropped by the syntax layer")
                    .tag("transport", transport)
                    .tag("reason", reason.tag())
                    .register(registry));
        }
    }

    void decoded() {
        if (decoded != null) {
            decoded.increment();
        }
    }

    void rejected(SipRejection reason) {
        if (rejected != null) {
            rejected.get(reason).increment();
        }
    }
}
