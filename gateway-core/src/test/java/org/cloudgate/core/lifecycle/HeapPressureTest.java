package org.cloudgate.core.lifecycle;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class HeapPressureTest {

    private final AtomicLong collections = new AtomicLong();
    private final AtomicBoolean above = new AtomicBoolean();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final HeapPressure pressure = new HeapPressure(collections::get, above::get, now::get);

    private void collect(boolean leftAbove) {
        collections.incrementAndGet();
        above.set(leftAbove);
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void aFullCollectionThatLeavesTheHeapAboveTheThresholdPutsThePressureOn() {
        assertThat(pressure.high()).isFalse();
        collect(false);
        assertThat(pressure.high()).isFalse();

        collect(true);
        assertThat(pressure.high()).isTrue();
        advanceSeconds(5);
        assertThat(pressure.high()).as("no newer collection said otherwise").isTrue();

        collect(false);
        assertThat(pressure.high()).as("the next collection freed enough").isFalse();
    }

    @Test
    void withoutAFullCollectionForTenSecondsThePressureIsOff() {
        collect(true);
        assertThat(pressure.high()).isTrue();

        advanceSeconds(9);
        assertThat(pressure.high()).isTrue();
        advanceSeconds(1);
        assertThat(pressure.high()).as("the heap is no longer collecting itself over and over").isFalse();

        collect(true);
        assertThat(pressure.high()).as("collecting again, and still full").isTrue();
    }

    @Test
    void thisJvmsOldGenerationIsFoundAndStartsWithoutPressure() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HeapPressure real = HeapPressure.of(60, registry);

        assertThat(real).isNotSameAs(HeapPressure.NONE);
        assertThat(real.high()).isFalse();
        assertThat(registry.get("cloudgate.overload.heap").gauge().value()).isZero();
        assertThat(HeapPressure.of(0, registry)).isSameAs(HeapPressure.NONE);
    }
}
