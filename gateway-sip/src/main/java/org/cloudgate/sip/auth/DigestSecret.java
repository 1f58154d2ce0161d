package org.cloudgate.sip.auth;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the gateway knows of a user's password: the password itself, or only the precomputed
 * HA1 per algorithm (RFC 7616 section 3.4.2), which lets a store keep no clear-text password.
 * Serves both sides: the verifier of clients' credentials and the client answering the PBX.
 *
 * <p>{@link #toString()} never shows the secret.
 */
public final class DigestSecret {

    private final String password;
    private final Map<DigestAlgorithm, String> ha1;

    private DigestSecret(String password, Map<DigestAlgorithm, String> ha1) {
        this.password = password;
        this.ha1 = ha1;
    }

    /** A clear-text password: HA1 is derived for any algorithm and realm. */
    public static DigestSecret password(String password) {
        if (password == null) {
            throw new IllegalArgumentException("a password is required");
        }
        return new DigestSecret(password, Map.of());
    }

    /**
     * Precomputed {@code H(username:realm:password)} per algorithm, lower-case hex; valid only
     * for the realm it was computed with.
     */
    public static DigestSecret ha1(Map<DigestAlgorithm, String> ha1) {
        if (ha1.isEmpty()) {
            throw new IllegalArgumentException("at least one HA1 is required");
        }
        return new DigestSecret(null, new EnumMap<>(ha1));
    }

    /** HA1 for {@code algorithm}, or {@code null} when only other algorithms' HA1 is known. */
    public String ha1(DigestAlgorithm algorithm, String username, String realm) {
        return password != null ? algorithm.ha1(username, realm, password) : ha1.get(algorithm);
    }

    @Override
    public String toString() {
        return password != null ? "DigestSecret[password=<redacted>]" : "DigestSecret[ha1=<redacted> " + ha1.keySet() + "]";
    }
}
