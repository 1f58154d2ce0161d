package org.cloudgate.bench.rtp;

/** One-way latencies in whole microseconds up to one second (the last bucket takes the rest). */
final class LatencyHistogram {

    private static final int MAX_MICROS = 1_000_000;
    private final int[] counts = new int[MAX_MICROS + 1];
    private long total;
    private long max;

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        max = Math.max(max, micros);
        counts[(int) Math.min(micros, MAX_MICROS)]++;
        total++;
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return max;
    }

    /** The smallest latency at or below which {@code fraction} of the samples lie. */
    long percentileMicros(double fraction) {
        long wanted = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int micros = 0; micros < counts.length; micros++) {
            seen += counts[micros];
            if (seen >= wanted && seen > 0) {
                return micros;
            }
        }
        return 0;
    }
}
