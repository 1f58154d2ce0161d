package org.cloudgate.bench.api;

import org.cloudgate.core.api.security.BearerTokens;
import org.cloudgate.core.api.security.Scope;
import org.cloudgate.core.api.security.TokenHash;
import org.cloudgate.core.config.ApiTokenSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What checking an API bearer token costs: the first request of a token pays PBKDF2-HMAC-SHA256
 * at the iterations {@code cloudgate token-hash} uses ({@link #firstUse}, also what each forged
 * token costs per configured token); later requests of the same token are recognised by an
 * HMAC of it ({@link #remembered}).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TokenCheckBenchmark {

    private static final String TOKEN = "benchmark-token-3f9a1c7e5b2d";

    private TokenHash hash;
    private BearerTokens tokens;

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        hash = TokenHash.create(TOKEN, TokenHash.DEFAULT_ITERATIONS, random);
        tokens = new BearerTokens(List.of(new ApiTokenSettings("bench", hash, Scope.READ, 10, 20)), Runnable::run,
                random, System::nanoTime);
        tokens.verify(TOKEN).join();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public boolean firstUse() {
        return hash.matches(TOKEN);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public BearerTokens.Verdict remembered() {
        return tokens.verify(TOKEN).join();
    }
}
