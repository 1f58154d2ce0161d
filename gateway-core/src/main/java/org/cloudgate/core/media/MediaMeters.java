package org.cloudgate.core.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/** What the media policy refused, by reason, and how often music on hold started. */
public final class MediaMeters {

    private final Map<MediaRefusal, Counter> refused = new EnumMap<>(MediaRefusal.class);
    private final Counter musicOnHold;
    private final Counter noMusicCodec;

    public MediaMeters(MeterRegistry registry) {
        for (MediaRefusal reason : MediaRefusal.values()) {
            refused.put(reason, Counter.builder("cloudgate.calls.media.refused")
                    .description("Calls or offers refused for their media (488, or 503 without a relay port), by reason")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
        musicOnHold = Counter.builder("cloudgate.rtp.moh.started")
                .description("Times the gateway started playing music on hold to a held party")
                .register(registry);
        noMusicCodec = Counter.builder("cloudgate.rtp.moh.unplayable")
                .description("Holds without gateway music because the held party negotiated neither PCMU nor PCMA")
                .register(registry);
    }

    void refused(MediaRefusal reason) {
        refused.get(reason).increment();
    }

    void musicOnHold() {
        musicOnHold.increment();
    }

    void noMusicCodec() {
        noMusicCodec.increment();
    }
}
