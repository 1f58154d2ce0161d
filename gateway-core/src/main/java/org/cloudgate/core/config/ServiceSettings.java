package org.cloudgate.core.config;

/**
 * Whether the gateway takes calls and registrations (vendor field "Service enabled"). When off,
 * the daemon stays up, keeps its metrics and answers new requests with 503. New calls also get
 * 503 while the heap stays fuller than {@code overloadHeapPercent} of its old generation after
 * full collections, and while callers retransmit their INVITEs, at least
 * {@code overloadRetransmittedInvitesPercent} of the new ones in a second (0: never).
 */
public record ServiceSettings(boolean enabled, int overloadHeapPercent, int overloadRetransmittedInvitesPercent) {

    static ServiceSettings read(SettingsReader r) {
        return new ServiceSettings(r.bool("cloudgate.service.enabled"),
                (int) r.integer("cloudgate.service.overload-heap-percent", 0, 95),
                (int) r.integer("cloudgate.service.overload-retransmitted-invites-percent", 0, 1000));
    }
}
