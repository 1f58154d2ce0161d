package org.cloudgate.core.api.security;

import org.cloudgate.core.config.ApiTokenSettings;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * Checks bearer tokens (RFC 6750 section 2.1) against the configured hashes, and keeps each
 * token's request budget.
 *
 * <p>A token is checked against every configured hash with PBKDF2, which is slow on purpose, so
 * the check runs on {@code verifier} (never on an event loop). A token that verified is then
 * remembered under an HMAC-SHA256 of it, keyed with a random secret made at start and held only
 * in memory: later requests cost one HMAC. Only tokens that verified are remembered, so the
 * memory is bounded by the number of configured tokens. Unknown tokens are not remembered: each
 * one pays the full check, and {@code verifier}'s bounded queue is what limits how many wait.
 */
public final class BearerTokens {

    /** The outcome of a check: the token's settings, or {@code null} for a token nobody configured. */
    public record Verdict(ApiTokenSettings token) {
        public boolean known() {
            return token != null;
        }
    }

    private static final Verdict UNKNOWN = new Verdict(null);

    private final List<ApiTokenSettings> tokens;
    private final Executor verifier;
    private final SecretKeySpec cacheKey;
    private final Map<String, ApiTokenSettings> verified = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final ThreadLocal<Mac> macs;

    /**
     * @param verifier  runs the PBKDF2 checks; may refuse work when busy
     * @param nanoClock the clock of the rate limits
     */
    public BearerTokens(List<ApiTokenSettings> tokens, Executor verifier, SecureRandom random, LongSupplier nanoClock) {
        this.tokens = List.copyOf(tokens);
        this.verifier = verifier;
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        for (ApiTokenSettings token : tokens) {
            buckets.put(token.name(), new TokenBucket(token.requestsPerSecond(), token.burst(), nanoClock));
        }
    }

    /**
     * Checks {@code presented}. Completes at once for a token seen before; otherwise on the
     * verifier, or fails with {@link RejectedExecutionException} when the verifier is full.
     */
    public CompletableFuture<Verdict> verify(String presented) {
        String digest = digest(presented);
        ApiTokenSettings known = verified.get(digest);
        if (known != null) {
            return CompletableFuture.completedFuture(new Verdict(known));
        }
        return CompletableFuture.supplyAsync(() -> {
            for (ApiTokenSettings token : tokens) {
                if (token.hash().matches(presented)) {
                    verified.put(digest, token);
                    return new Verdict(token);
                }
            }
            return UNKNOWN;
        }, verifier);
    }

    /**
     * Takes one request from the token's budget.
     *
     * @return 0 when the request may go ahead, otherwise the nanoseconds until it would
     */
    public long take(ApiTokenSettings token) {
        return buckets.get(token.name()).take();
    }

    private String digest(String presented) {
        Mac mac = macs.get();
        return Base64.getEncoder().encodeToString(mac.doFinal(presented.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
