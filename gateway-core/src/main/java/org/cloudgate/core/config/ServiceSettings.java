package org.cloudgate.core.config;

/**
 * Whether the gateway takes calls and registrations (vendor field "Service enabled"). When off,
 * the daemon stays up, keeps its metrics and answers new requests with 503. New calls also get
 * 503 while the heap stays fuller than {@code overloadHeapPercent} of its old generation after
 * full collections (0: never).
 */
public record ServiceSettings(boolean enabled, int overloadHeapPercent) {

    static ServiceSettings read(SettingsReader r) {
        return new ServiceSettings(r.bool("cloudgate.service.enabled"),
                (int) r.integer("cloudgate.service.overload-heap-percent", 0, 95));
    }
}
