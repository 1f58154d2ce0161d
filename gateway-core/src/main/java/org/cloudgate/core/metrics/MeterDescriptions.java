package org.cloudgate.core.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

import java.util.Map;

/**
 * Supplies the descriptions Micrometer's Netty binders leave out, so that every series on
 * {@code /metrics} has HELP text an operator can read in Grafana.
 */
final class MeterDescriptions implements MeterFilter {

    private static final Map<String, String> NETTY = Map.of(
            "netty.allocator.memory.used", "Memory the Netty buffer allocator holds, by memory type",
            "netty.allocator.memory.pinned", "Memory of the Netty allocator in use by live buffers, by memory type",
            "netty.allocator.pooled.arenas", "Arenas of the pooled Netty allocator, by memory type",
            "netty.allocator.pooled.cache.size", "Size of the pooled Netty allocator's thread caches, by cache type",
            "netty.allocator.pooled.threadlocal.caches", "Thread-local caches of the pooled Netty allocator",
            "netty.allocator.pooled.chunk.size", "Chunk size of the pooled Netty allocator",
            "netty.eventexecutor.tasks.pending", "Tasks waiting in a Netty event loop's queue",
            "netty.eventexecutor.workers", "Netty event loops in a group");

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null) {
            return id;
        }
        String description = NETTY.get(id.getName());
        if (description == null) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }
}
