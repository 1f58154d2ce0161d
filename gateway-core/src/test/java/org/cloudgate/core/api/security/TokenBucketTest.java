package org.cloudgate.core.api.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void theBurstGoesThroughThenRequestsWaitForTheRate() {
        TokenBucket bucket = new TokenBucket(2, 3, now::get);
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).as("a full second at 2/s is half a second per request")
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(bucket.take()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isPositive();
    }

    @Test
    void anIdleBucketRefillsOnlyUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, now::get);
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isPositive();
    }
}
