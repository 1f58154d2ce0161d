package org.cloudgate.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.EventLoopGroup;

/**
 * The daemon's one meter registry, exposed in Prometheus text format on {@code /metrics}.
 * Components register their own meters on {@link #registry()}; this class binds what every
 * deployment needs: JVM memory, GC, threads and classes, process CPU, uptime, open files and
 * resident memory, Netty event loops and the pooled allocator.
 */
public final class GatewayMetrics implements AutoCloseable {

    /** Content type of the Prometheus text exposition format served on {@code /metrics}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    public GatewayMetrics(String version) {
        registry.config().meterFilter(new MeterDescriptions());
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new ProcessMemoryMetrics().bindTo(registry);
        Gauge.builder("cloudgate.build.info", () -> 1)
                .description("Always 1; the version tag tells which cloudgate is running")
                .tag("version", version)
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Event-loop task queues and workers of the shared Netty group. */
    public void bindEventLoops(EventLoopGroup group) {
        new NettyEventExecutorMetrics(group).bindTo(registry);
    }

    /** Memory held by a Netty buffer allocator (Netty's default, the UDP receive pool). */
    public void bindAllocator(ByteBufAllocatorMetricProvider allocator) {
        new NettyAllocatorMetrics(allocator).bindTo(registry);
    }

    /** The current values in Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
