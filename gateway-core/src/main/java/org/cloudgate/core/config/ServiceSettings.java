package org.cloudgate.core.config;

/**
 * Whether the gateway takes calls and registrations (vendor field "Service enabled"). When off,
 * the daemon stays up, keeps its metrics and answers new requests with 503.
 */
public record ServiceSettings(boolean enabled) {

    static ServiceSettings read(SettingsReader r) {
        return new ServiceSettings(r.bool("cloudgate.service.enabled"));
    }
}
