package org.cloudgate.rtp.pool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.function.LongSupplier;

/**
 * The RTP/RTCP port pairs of the relay's configured range.
 *
 * <p>A released pair is held back for the quarantine time before it is handed out again, so
 * that late packets of an ended call (peers keep sending for a moment after BYE) do not land in
 * the next call that gets the same port. Pairs are handed out oldest-free-first for the same
 * reason. Allocation happens once per call leg, not per packet, so a plain lock is enough.
 */
public final class PortPool {

    private final int firstPort;
    private final int pairCount;
    private final long quarantineNanos;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final ArrayDeque<long[]> quarantine = new ArrayDeque<>();
    private final BitSet inUse;
    private final Counter exhausted;
    private int inUseCount;

    private PortPool(int firstPort, int pairCount, Duration quarantine, LongSupplier nanoClock,
                     MeterRegistry registry) {
        this.firstPort = firstPort;
        this.pairCount = pairCount;
        this.quarantineNanos = quarantine.toNanos();
        this.nanoClock = nanoClock;
        this.inUse = new BitSet(pairCount);
        for (int i = 0; i < pairCount; i++) {
            free.add(i);
        }
        Gauge.builder("cloudgate.rtp.ports.in.use", this, PortPool::inUse)
                .description("RTP/RTCP port pairs held by relay sessions")
                .register(registry);
        Gauge.builder("cloudgate.rtp.ports.free", this, PortPool::free)
                .description("RTP/RTCP port pairs ready to be allocated (not in use, not in quarantine)")
                .register(registry);
        Gauge.builder("cloudgate.rtp.ports.quarantined", this, PortPool::quarantined)
                .description("RTP/RTCP port pairs released recently and not yet reusable")
                .register(registry);
        this.exhausted = Counter.builder("cloudgate.rtp.ports.exhausted")
                .description("Allocations refused because no port pair was free")
                .register(registry);
    }

    /**
     * A pool over {@code [minPort, maxPort]}: the first even port at or above {@code minPort}
     * up to the last pair that fits below {@code maxPort}.
     */
    public static PortPool over(int minPort, int maxPort, Duration quarantine, MeterRegistry registry) {
        return over(minPort, maxPort, quarantine, System::nanoTime, registry);
    }

    /** As {@link #over(int, int, Duration, MeterRegistry)} with the clock given, for tests. */
    public static PortPool over(int minPort, int maxPort, Duration quarantine, LongSupplier nanoClock,
                                MeterRegistry registry) {
        int first = (minPort + 1) & ~1;
        int pairs = (maxPort - first + 1) / 2;
        if (first < 2 || maxPort > 65535 || pairs < 1) {
            throw new IllegalArgumentException("port range " + minPort + "-" + maxPort
                    + " holds no RTP/RTCP pair");
        }
        if (quarantine.isNegative()) {
            throw new IllegalArgumentException("quarantine must not be negative: " + quarantine);
        }
        return new PortPool(first, pairs, quarantine, nanoClock, registry);
    }

    /** The next free pair; the call cannot be relayed (503) when the exception is thrown. */
    public synchronized PortPair allocate() throws PortPoolExhaustedException {
        endQuarantine();
        Integer index = free.poll();
        if (index == null) {
            exhausted.increment();
            throw new PortPoolExhaustedException(inUseCount, quarantine.size());
        }
        inUse.set(index);
        inUseCount++;
        return new PortPair(firstPort + 2 * index);
    }

    /** Gives a pair back; it becomes allocatable after the quarantine time. Idempotent. */
    public synchronized void release(PortPair pair) {
        int index = (pair.rtp() - firstPort) / 2;
        if (index < 0 || index >= pairCount || !inUse.get(index)) {
            return;
        }
        inUse.clear(index);
        inUseCount--;
        if (quarantineNanos == 0) {
            free.add(index);
        } else {
            quarantine.add(new long[] {index, nanoClock.getAsLong() + quarantineNanos});
        }
    }

    public synchronized int inUse() {
        return inUseCount;
    }

    public synchronized int free() {
        endQuarantine();
        return free.size();
    }

    public synchronized int quarantined() {
        endQuarantine();
        return quarantine.size();
    }

    public int capacity() {
        return pairCount;
    }

    /** Quarantine entries are in release order, so the expired ones are at the head. */
    private void endQuarantine() {
        long now = nanoClock.getAsLong();
        while (!quarantine.isEmpty() && now - quarantine.peek()[1] >= 0) {
            free.add((int) quarantine.poll()[0]);
        }
    }
}
