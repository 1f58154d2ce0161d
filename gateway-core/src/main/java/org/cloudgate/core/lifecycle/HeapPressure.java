package org.cloudgate.core.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the heap is too full to take new calls. Past its capacity the gateway does not slow
 * down gently: calls it is late for pile up, each full collection keeps more of them, the
 * collections follow one another and hardly any call gets through until the load drops. The sign
 * is the old generation as a full collection left it: above {@code percent} of its maximum, new
 * calls are refused (503) until a collection leaves it below again, or until no full collection
 * has run for {@link #QUIET_NANOS} (a quiet heap is no longer collecting itself to death, and with
 * little allocation the next full collection may be far off).
 */
public final class HeapPressure {

    /** A full collection older than this does not keep the pressure on. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Never under pressure: the check is off, or the JVM reports no suitable pool. */
    public static final HeapPressure NONE = new HeapPressure(() -> 0, () -> false, System::nanoTime);

    private final LongSupplier fullCollections;
    private final BooleanSupplier aboveThreshold;
    private final LongSupplier clock;
    private long seenCollections = -1;
    private long seenAt;
    private boolean leftAbove;

    HeapPressure(LongSupplier fullCollections, BooleanSupplier aboveThreshold, LongSupplier clock) {
        this.fullCollections = fullCollections;
        this.aboveThreshold = aboveThreshold;
        this.clock = clock;
    }

    /**
     * Watches this JVM's old generation ("PS Old Gen", "Tenured Gen", "G1 Old Gen") and counts the
     * full collections of it; with a collector that has no such pool (ZGC, Shenandoah) it never
     * reports pressure.
     *
     * @param percent of the pool's maximum; 0 turns the check off
     */
    public static HeapPressure of(int percent, MeterRegistry registry) {
        if (percent <= 0) {
            return NONE;
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported() || max <= 0
                    || !pool.getName().matches(".*(Old|Tenured).*")) {
                continue;
            }
            GarbageCollectorMXBean collector = fullCollector(pool.getName());
            if (collector == null) {
                continue;
            }
            pool.setCollectionUsageThreshold(max / 100 * percent);
            HeapPressure pressure = new HeapPressure(collector::getCollectionCount,
                    pool::isCollectionUsageThresholdExceeded, System::nanoTime);
            Gauge.builder("cloudgate.overload.heap", pressure, p -> p.high() ? 1 : 0)
                    .description("1 while new calls are refused because the heap stays full after full collections")
                    .register(registry);
            return pressure;
        }
        return NONE;
    }

    /** The collector of full collections of {@code pool}: "PS MarkSweep", "MarkSweepCompact", "G1 Old Generation". */
    private static GarbageCollectorMXBean fullCollector(String pool) {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector.getName().matches(".*(MarkSweep|Old).*")
                    && Arrays.asList(collector.getMemoryPoolNames()).contains(pool)) {
                return collector;
            }
        }
        return null;
    }

    /**
     * Whether new calls are to be refused now: asked for every new INVITE, so the pool is read
     * only when a full collection has run since the last question (only one changes what it says).
     */
    public synchronized boolean high() {
        long now = clock.getAsLong();
        long collections = fullCollections.getAsLong();
        if (collections != seenCollections) {
            seenCollections = collections;
            seenAt = now;
            leftAbove = aboveThreshold.getAsBoolean();
        }
        return leftAbove && now - seenAt < QUIET_NANOS;
    }
}
