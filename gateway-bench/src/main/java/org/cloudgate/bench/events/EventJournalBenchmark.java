package org.cloudgate.bench.events;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cloudgate.core.events.CallChanged;
import org.cloudgate.core.events.EventJournal;
import org.cloudgate.core.events.JournalRead;
import org.cloudgate.core.events.PresenceChanged;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.LocalConnectionState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The event journal's two paths: {@code append} is what each call or presence change costs the
 * CSTA link's event loop (id, time, JSON encoding once, the ring slot, the metric, telling the
 * subscribers: here 100 clients); {@code readBatch} is what a client's event loop pays to take
 * the next 64 events after an id while other events keep coming.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventJournalBenchmark {

    private static final int SUBSCRIBERS = 100;
    private static final int BATCH = 64;

    private EventJournal journal;
    private CallChanged call;
    private PresenceChanged presence;
    private long counter;

    @Setup
    public void fill() {
        journal = new EventJournal(10_000, Duration.ofHours(1), Clock.systemUTC(), new SimpleMeterRegistry());
        for (int i = 0; i < SUBSCRIBERS; i++) {
            journal.subscribe(() -> counter++);
        }
        call = new CallChanged("201", "4711", LocalConnectionState.CONNECTED, "0791234567", EventCause.NEW_CALL);
        presence = new PresenceChanged("201", Presence.AVAILABLE, Presence.BUSY);
        for (int i = 0; i < 10_000; i++) {
            journal.append(i % 2 == 0 ? call : presence);
        }
    }

    @Benchmark
    public long append() {
        return journal.append(counter % 2 == 0 ? call : presence).id();
    }

    @Benchmark
    public void readBatch(Blackhole sink) {
        journal.append(call);
        JournalRead read = journal.since(journal.latestId() - BATCH, BATCH);
        sink.consume(read.events());
    }
}
