package org.cloudgate.core.config;

import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.auth.DigestSettings;
import org.cloudgate.sip.registration.AuthenticationThrottle;

import java.time.Duration;
import java.util.List;

/**
 * How cloud clients register with the gateway ({@code cloudgate.registrar}): the digest realm
 * and nonce lifetime, and the limits on registration intervals.
 */
public record RegistrarSettings(String realm, List<DigestAlgorithm> algorithms, Duration nonceLifetime,
                                Duration minExpires, Duration maxExpires, Duration defaultExpires,
                                int maxBindingsPerUser, AuthenticationThrottle.Limits throttle) {

    static RegistrarSettings read(SettingsReader r) {
        String realm = r.string("cloudgate.registrar.realm");
        if (realm.isBlank() || realm.indexOf('"') >= 0) {
            r.reject("cloudgate.registrar.realm", "must be a non-empty name without quotes");
        }
        List<DigestAlgorithm> algorithms = r.enumList("cloudgate.registrar.algorithms", DigestAlgorithm.class);
        Duration nonce = r.duration("cloudgate.registrar.nonce-lifetime", Duration.ofSeconds(10), Duration.ofHours(1));
        Duration min = r.duration("cloudgate.registrar.min-expires", Duration.ofSeconds(1), Duration.ofDays(1));
        Duration max = r.duration("cloudgate.registrar.max-expires", Duration.ofSeconds(1), Duration.ofDays(1));
        Duration def = r.duration("cloudgate.registrar.default-expires", Duration.ofSeconds(1), Duration.ofDays(1));
        int bindings = (int) r.integer("cloudgate.registrar.max-bindings-per-user", 1, 100);
        AuthenticationThrottle.Limits throttle = new AuthenticationThrottle.Limits(
                (int) r.integer("cloudgate.registrar.failure-limit", 1, 10_000),
                r.duration("cloudgate.registrar.failure-window", Duration.ofSeconds(1), Duration.ofDays(1)),
                r.duration("cloudgate.registrar.failure-block", Duration.ofSeconds(1), Duration.ofDays(7)));
        if (max.compareTo(min) < 0) {
            r.reject("cloudgate.registrar.max-expires", "must not be shorter than cloudgate.registrar.min-expires");
        } else if (def.compareTo(min) < 0 || def.compareTo(max) > 0) {
            r.reject("cloudgate.registrar.default-expires", "must lie between min-expires and max-expires");
        }
        return new RegistrarSettings(realm, algorithms, nonce, min, max, def, bindings, throttle);
    }

    public DigestSettings digest() {
        return new DigestSettings(realm, algorithms, nonceLifetime, DigestSettings.DEFAULT_TRACKED_NONCES);
    }

    public org.cloudgate.sip.registration.RegistrarSettings bindings() {
        return new org.cloudgate.sip.registration.RegistrarSettings(minExpires.toSeconds(), maxExpires.toSeconds(),
                defaultExpires.toSeconds(), maxBindingsPerUser);
    }
}
