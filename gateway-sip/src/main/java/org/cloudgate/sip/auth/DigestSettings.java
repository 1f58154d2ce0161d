package org.cloudgate.sip.auth;

import java.time.Duration;
import java.util.List;

/**
 * How the gateway challenges its clients (RFC 3261 section 22, RFC 8760).
 *
 * @param realm          the protection space shown to users, usually the gateway's domain
 * @param algorithms     the algorithms offered, one challenge each, in order of preference
 *                       (RFC 8760 section 2.4: SHA-256 before MD5)
 * @param nonceLifetime  how long a nonce is good for; an older one gets {@code stale=true}
 * @param trackedNonces  how many nonces' counts are kept for replay protection
 */
public record DigestSettings(String realm, List<DigestAlgorithm> algorithms, Duration nonceLifetime,
                             int trackedNonces) {

    /** SHA-256 then MD5, as RFC 8760 section 2.4 orders them. */
    public static final List<DigestAlgorithm> RFC_8760_ORDER = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);
    public static final int DEFAULT_TRACKED_NONCES = 10_000;

    public DigestSettings {
        algorithms = List.copyOf(algorithms);
        if (realm == null || realm.isEmpty() || algorithms.isEmpty() || nonceLifetime.isNegative()
                || nonceLifetime.isZero() || trackedNonces < 1) {
            throw new IllegalArgumentException("need a realm, an algorithm, a positive nonce lifetime and"
                    + " nonce tracking: " + realm + ", " + algorithms + ", " + nonceLifetime + ", " + trackedNonces);
        }
    }

    /** The defaults for {@code realm}. */
    public static DigestSettings of(String realm) {
        return new DigestSettings(realm, RFC_8760_ORDER, DEFAULT_NONCE_LIFETIME, DEFAULT_TRACKED_NONCES);
    }
}
