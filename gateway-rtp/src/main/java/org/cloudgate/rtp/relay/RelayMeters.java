package org.cloudgate.rtp.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.rtp.InactivityAction;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.stats.LegSummary;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's Prometheus meters. Tags stay low-cardinality: side, reason, action and the
 * bandwidth-area name (a configured, short list), never a call reference.
 */
public final class RelayMeters {

    private static final double[] LOSS_BUCKETS = {0.0001, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25};
    private static final double[] JITTER_BUCKETS_MS = {1, 2, 5, 10, 20, 30, 50, 100, 200};

    private final MeterRegistry registry;
    private final Map<Side, Counter> relayed = new EnumMap<>(Side.class);
    private final Map<Side, Map<DropReason, Counter>> dropped = new EnumMap<>(Side.class);
    private final Map<InactivityAction, Counter> inactive = new EnumMap<>(InactivityAction.class);
    private final Map<String, AreaMeters> areas = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Counter portsUnavailable;

    public RelayMeters(MeterRegistry registry) {
        this.registry = registry;
        for (Side side : Side.values()) {
            relayed.put(side, Counter.builder("cloudgate.rtp.relayed")
                    .description("RTP and RTCP datagrams received on a leg and sent on to the other")
                    .tag("side", side.tag())
                    .register(registry));
            Map<DropReason, Counter> bySide = new EnumMap<>(DropReason.class);
            for (DropReason reason : DropReason.values()) {
                bySide.put(reason, Counter.builder("cloudgate.rtp.dropped")
                        .description("Datagrams the relay dropped, by the side they came from and why")
                        .tags("side", side.tag(), "reason", reason.tag())
                        .register(registry));
            }
            dropped.put(side, bySide);
        }
        for (InactivityAction action : InactivityAction.values()) {
            inactive.put(action, Counter.builder("cloudgate.rtp.inactivity.timeouts")
                    .description("Relay sessions whose media went silent, by the configured action")
                    .tag("action", action.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .register(registry));
        }
        Gauge.builder("cloudgate.rtp.sessions", sessions, AtomicInteger::get)
                .description("Relay sessions open")
                .register(registry);
        portsUnavailable = Counter.builder("cloudgate.rtp.ports.unavailable")
                .description("Relay port pairs skipped because a socket could not be bound (another process holds the port)")
                .register(registry);
    }

    void portsUnavailable() {
        portsUnavailable.increment();
    }

    Counter relayed(Side from) {
        return relayed.get(from);
    }

    Counter dropped(Side from, DropReason reason) {
        return dropped.get(from).get(reason);
    }

    void inactivity(InactivityAction action) {
        inactive.get(action).increment();
    }

    void sessionOpened() {
        sessions.incrementAndGet();
    }

    /** Records the call-end figures of one leg in its area's histograms. */
    void sessionClosed(String area, Side side, LegSummary summary) {
        AreaMeters meters = areas.computeIfAbsent(area + '/' + side.tag(), key -> new AreaMeters(area, side));
        if (summary.expected() > 0) {
            meters.loss.record(summary.lossRatio());
            meters.jitter.record(summary.jitterMs());
        }
    }

    void sessionGone() {
        sessions.decrementAndGet();
    }

    private final class AreaMeters {
        final DistributionSummary loss;
        final DistributionSummary jitter;

        AreaMeters(String area, Side side) {
            loss = DistributionSummary.builder("cloudgate.rtp.call.loss.ratio")
                    .description("Packet loss ratio of a call leg at call end (RFC 3550 A.3)")
                    .tags("area", area, "side", side.tag())
                    .serviceLevelObjectives(LOSS_BUCKETS)
                    .register(registry);
            jitter = DistributionSummary.builder("cloudgate.rtp.call.jitter")
                    .description("Interarrival jitter of a call leg at call end (RFC 3550 A.8)")
                    .baseUnit("milliseconds")
                    .tags("area", area, "side", side.tag())
                    .serviceLevelObjectives(JITTER_BUCKETS_MS)
                    .register(registry);
        }
    }
}
