package org.cloudgate.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident and virtual memory of the daemon process, read from {@code /proc/self/status} at
 * scrape time. On a small appliance the RSS, not the Java heap, is what runs out; Micrometer's
 * JVM binders only see the heap and the JVM's own pools.
 */
final class ProcessMemoryMetrics implements MeterBinder {

    private static final Path STATUS = Path.of("/proc/self/status");

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!Files.isReadable(STATUS)) {
            return;
        }
        Gauge.builder("process.resident.memory", () -> kibibytes("VmRSS:") * 1024.0)
                .description("Resident set size of the daemon process")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("process.virtual.memory", () -> kibibytes("VmSize:") * 1024.0)
                .description("Virtual memory size of the daemon process")
                .baseUnit("bytes")
                .register(registry);
    }

    private static double kibibytes(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    String value = line.substring(field.length()).trim();
                    int space = value.indexOf(' ');
                    return Long.parseLong(space < 0 ? value : value.substring(0, space));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
