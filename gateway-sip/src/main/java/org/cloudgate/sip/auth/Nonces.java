package org.cloudgate.sip.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-validating nonces (RFC 7616 section 3.3 and 5.4): {@code base64url(time | random |
 * HMAC-SHA-256(secret, time | random))}, truncated MAC. The server keeps no state per nonce to
 * tell its own nonces from forged ones, and knows each nonce's age from the nonce itself, so a
 * nonce expires after the configured lifetime without any table.
 *
 * <p>The secret is drawn at construction: nonces die with the process, which only costs clients
 * one more challenge after a restart.
 */
final class Nonces {

    private static final int TIME = Long.BYTES;
    private static final int RANDOM = 8;
    private static final int MAC = 16;
    private static final int LENGTH = TIME + RANDOM + MAC;
    private static final String HMAC = "HmacSHA256";

    /** What a received nonce turned out to be. */
    enum Check { FRESH, STALE, FORGED }

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final LongSupplier clockMillis;
    private final long lifetimeMillis;

    Nonces(Duration lifetime, LongSupplier clockMillis) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.clockMillis = clockMillis;
        this.lifetimeMillis = lifetime.toMillis();
    }

    String issue() {
        byte[] nonce = new byte[LENGTH];
        ByteBuffer.wrap(nonce).putLong(clockMillis.getAsLong());
        byte[] salt = new byte[RANDOM];
        random.nextBytes(salt);
        System.arraycopy(salt, 0, nonce, TIME, RANDOM);
        System.arraycopy(mac(nonce), 0, nonce, TIME + RANDOM, MAC);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** Whether {@code nonce} is one of ours and younger than the lifetime. */
    Check check(String nonce) {
        byte[] bytes = decode(nonce);
        if (bytes == null) {
            return Check.FORGED;
        }
        byte[] expected = mac(bytes);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(bytes, TIME + RANDOM, LENGTH), Arrays.copyOf(expected, MAC))) {
            return Check.FORGED;
        }
        long age = clockMillis.getAsLong() - issuedAt(bytes);
        return age < 0 || age > lifetimeMillis ? Check.STALE : Check.FRESH;
    }

    /** When an authentic nonce was issued, on this instance's clock. */
    long issuedAt(String nonce) {
        byte[] bytes = decode(nonce);
        return bytes == null ? Long.MIN_VALUE : issuedAt(bytes);
    }

    private static long issuedAt(byte[] nonce) {
        return ByteBuffer.wrap(nonce).getLong();
    }

    private static byte[] decode(String nonce) {
        if (nonce == null || nonce.length() > 2 * LENGTH) {
            return null;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(nonce);
            return bytes.length == LENGTH ? bytes : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private byte[] mac(byte[] nonce) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(nonce, 0, TIME + RANDOM);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has " + HMAC, e);
        }
    }
}
