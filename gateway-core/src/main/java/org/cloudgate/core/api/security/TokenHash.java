package org.cloudgate.core.api.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bearer token as the configuration stores it: never the token, only a salted PBKDF2 hash
 * (RFC 8018 section 5.2, PRF HMAC-SHA256) written as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} with salt and hash in unpadded base64. The
 * iterations travel with the hash, so older entries keep verifying after the default rises.
 */
public final class TokenHash {

    public static final String SCHEME = "pbkdf2-sha256";
    /** The iterations {@code cloudgate token-hash} uses: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewer iterations than this are refused when the configuration is read. */
    public static final int MIN_ITERATIONS = 10_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_OCTETS = 16;
    private static final int HASH_OCTETS = 32;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private TokenHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code token} with a fresh random salt. */
    public static TokenHash create(String token, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_OCTETS];
        random.nextBytes(salt);
        return new TokenHash(iterations, salt, derive(token, salt, iterations, HASH_OCTETS));
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException saying what is wrong with it, without repeating it
     */
    public static TokenHash parse(String stored) {
        String[] parts = stored.trim().split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("not a token hash: expected " + SCHEME
                    + "$ITERATIONS$SALT$HASH as printed by \"cloudgate token-hash\"");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count of the token hash is not a number");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the token hash has " + iterations + " iterations, must be between "
                    + MIN_ITERATIONS + " and " + MAX_ITERATIONS);
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = DECODER.decode(parts[2]);
            hash = DECODER.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt or hash of the token hash is not base64");
        }
        if (salt.length < 8 || hash.length < 16) {
            throw new IllegalArgumentException("the token hash's salt or hash is too short (at least 8 and 16 octets)");
        }
        return new TokenHash(iterations, salt, hash);
    }

    /** Whether {@code token} is the one hashed; the comparison takes the same time wherever they differ. */
    public boolean matches(String token) {
        return MessageDigest.isEqual(hash, derive(token, salt, iterations, hash.length));
    }

    /** The stored form, for the configuration file. */
    public String encoded() {
        return SCHEME + '$' + iterations + '$' + ENCODER.encodeToString(salt) + '$' + ENCODER.encodeToString(hash);
    }

    public int iterations() {
        return iterations;
    }

    /** Says only the scheme and iterations: the salt and hash stay out of logs. */
    @Override
    public String toString() {
        return "TokenHash[" + SCHEME + ", " + iterations + " iterations]";
    }

    private static byte[] derive(String token, byte[] salt, int iterations, int octets) {
        PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), salt, iterations, octets * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
