package org.cloudgate.core.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The recent events of the stream, in a ring of fixed size: each appended event gets the next id
 * (1, 2, 3 ...) and a time, and stays readable until {@code capacity} newer events replaced it or
 * it is older than {@code maxAge}. A client resuming after an id gets the events that follow it,
 * or is told explicitly ({@link GapReason}) that some are gone.
 *
 * <p>Threads: appends are serialised by the journal's monitor (they come from the CSTA link's one
 * event loop, so it is uncontended) and publish the newest id through a volatile write; reads
 * ({@link #since}, {@link #event}) take no lock and may run on any event loop at the same time,
 * checking each slot's id so that a slot overwritten under a slow reader is seen as gone, never
 * as the wrong event. Subscribers are told after each append, on the appending thread.
 */
public final class EventJournal {

    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicReferenceArray<StreamEvent> ring;
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final Map<EventKind, Counter> appended = new EnumMap<>(EventKind.class);
    /** The id of the newest event; 0 before the first. */
    private volatile long latest;
    /** The time of the newest event: times never go back, even when the clock does. */
    private Instant latestTime = Instant.EPOCH;

    /**
     * @param capacity how many events are kept at most
     * @param maxAge   how old an event may be and still be served
     * @param clock    the time events are stamped with and aged by
     * @param registry where {@code cloudgate.api.events.appended} counts events by type
     */
    public EventJournal(int capacity, Duration maxAge, Clock clock, MeterRegistry registry) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ring = new AtomicReferenceArray<>(capacity);
        for (EventKind kind : EventKind.values()) {
            appended.put(kind, Counter.builder("cloudgate.api.events.appended")
                    .description("Events appended to the event stream's journal, by type")
                    .tag("type", kind.label())
                    .register(registry));
        }
    }

    /** Gives the event the next id and the current time, keeps it, and tells the subscribers. */
    public StreamEvent append(EventBody body) {
        StreamEvent event;
        synchronized (this) {
            long id = latest + 1;
            Instant now = clock.instant();
            if (now.isBefore(latestTime)) {
                now = latestTime;
            }
            latestTime = now;
            event = new StreamEvent(id, now, body, EventJson.event(id, now, body));
            ring.set(slot(id), event);
            latest = id;
        }
        appended.get(body.kind()).increment();
        for (Runnable subscriber : subscribers) {
            subscriber.run();
        }
        return event;
    }

    /** The id of the newest event, 0 when there is none yet. */
    public long latestId() {
        return latest;
    }

    /** The id of the oldest event still served; {@link #latestId()} + 1 when none is. */
    public long oldestId() {
        return oldest(latest);
    }

    /** The event with this id, or {@code null} when it is not (or no longer) in the journal. */
    public StreamEvent event(long id) {
        if (id < 1 || id > latest) {
            return null;
        }
        StreamEvent event = ring.get(slot(id));
        return event != null && event.id() == id ? event : null;
    }

    /**
     * At most {@code limit} events after {@code after}. When the journal no longer holds the event
     * after it ({@link GapReason#EXPIRED}) or never gave that id ({@link GapReason#UNKNOWN_ID},
     * e.g. an id from before the gateway restarted), the read says so and starts at the oldest
     * event served.
     */
    public JournalRead since(long after, int limit) {
        if (after < 0) {
            throw new IllegalArgumentException("event ids are not negative: " + after);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("a read takes at least one event, not " + limit);
        }
        while (true) {
            long newest = latest;
            long oldest = oldest(newest);
            GapReason gap = null;
            long first = after + 1;
            if (after > newest) {
                gap = GapReason.UNKNOWN_ID;
                first = oldest;
            } else if (first < oldest) {
                gap = GapReason.EXPIRED;
                first = oldest;
            }
            List<StreamEvent> events = new ArrayList<>((int) Math.min(limit, Math.max(0, newest - first + 1)));
            for (long id = first; id <= newest && events.size() < limit; id++) {
                StreamEvent event = event(id);
                if (event == null) {
                    break;
                }
                events.add(event);
            }
            if (!events.isEmpty() || first > newest) {
                return new JournalRead(events, gap, first);
            }
            // The first event was overwritten since the oldest was computed: read again from the new oldest.
        }
    }

    /** Calls {@code onAppend} after each append from now on, until the returned handle is closed. */
    public Subscription subscribe(Runnable onAppend) {
        Objects.requireNonNull(onAppend, "onAppend");
        subscribers.add(onAppend);
        return () -> subscribers.remove(onAppend);
    }

    /** A subscription to the journal's appends. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** The oldest id served when {@code newest} is the newest: within the ring and not older than the maximum age. */
    private long oldest(long newest) {
        long low = Math.max(1, newest - capacity + 1);
        Instant limit = clock.instant().minus(maxAge);
        long high = newest + 1;
        // Times grow with ids, so the first event young enough is found by bisection.
        while (low < high) {
            long middle = (low + high) >>> 1;
            StreamEvent event = event(middle);
            if (event == null || event.time().isBefore(limit)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int slot(long id) {
        return (int) (id % capacity);
    }
}
