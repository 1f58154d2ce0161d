package org.cloudgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.LocalConnectionState;
import org.junit.jupiter.api.Test;

/** Ids, reads after an id, the two bounds (size and age) and their gaps, and concurrent use. */
class EventJournalTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MovableClock clock = new MovableClock();

    private EventJournal journal(int capacity) {
        return new EventJournal(capacity, Duration.ofMinutes(10), clock, registry);
    }

    private static PresenceChanged presence(String user) {
        return new PresenceChanged(user, Presence.AVAILABLE, Presence.BUSY);
    }

    private static List<Long> ids(JournalRead read) {
        return read.events().stream().map(StreamEvent::id).toList();
    }

    @Test
    void idsStartAtOneAndIncreaseByOne() {
        EventJournal journal = journal(8);
        assertThat(journal.latestId()).isZero();
        assertThat(journal.oldestId()).isEqualTo(1);
        assertThat(journal.append(presence("201")).id()).isEqualTo(1);
        assertThat(journal.append(new CallChanged("201", "5", LocalConnectionState.ALERTING, "202",
                EventCause.NEW_CALL)).id()).isEqualTo(2);
        assertThat(journal.latestId()).isEqualTo(2);
        assertThat(journal.event(2).body()).isInstanceOf(CallChanged.class);
        assertThat(registry.get("cloudgate.api.events.appended").tag("type", "call").counter().count()).isEqualTo(1);
        assertThat(registry.get("cloudgate.api.events.appended").tag("type", "presence").counter().count())
                .isEqualTo(1);
    }

    @Test
    void readsWhatFollowsAnIdInOrderAndUpToTheLimit() {
        EventJournal journal = journal(8);
        for (int i = 0; i < 5; i++) {
            journal.append(presence("20" + i));
        }
        JournalRead read = journal.since(2, 2);
        assertThat(read.gap()).isNull();
        assertThat(ids(read)).containsExactly(3L, 4L);
        assertThat(ids(journal.since(0, 100))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(journal.since(5, 100).events()).isEmpty();
        assertThat(journal.since(5, 100).gap()).isNull();
    }

    @Test
    void anIdTheRingNoLongerHoldsIsAGapThatStartsAtTheOldest() {
        EventJournal journal = journal(4);
        for (int i = 0; i < 10; i++) {
            journal.append(presence("201"));
        }
        assertThat(journal.oldestId()).isEqualTo(7);
        assertThat(journal.event(6)).isNull();
        JournalRead read = journal.since(3, 100);
        assertThat(read.gap()).isEqualTo(GapReason.EXPIRED);
        assertThat(read.resumeAt()).isEqualTo(7);
        assertThat(ids(read)).containsExactly(7L, 8L, 9L, 10L);
        assertThat(journal.since(6, 100).gap()).isNull();
    }

    @Test
    void anIdFromTheFutureIsAnUnknownIdAndTheWholeJournalFollows() {
        EventJournal journal = journal(4);
        journal.append(presence("201"));
        journal.append(presence("202"));
        JournalRead read = journal.since(500, 100);
        assertThat(read.gap()).isEqualTo(GapReason.UNKNOWN_ID);
        assertThat(ids(read)).containsExactly(1L, 2L);
    }

    @Test
    void eventsOlderThanTheMaximumAgeAreNotServed() {
        EventJournal journal = journal(100);
        journal.append(presence("201"));
        journal.append(presence("202"));
        clock.advance(Duration.ofMinutes(8));
        journal.append(presence("203"));
        clock.advance(Duration.ofMinutes(3));
        assertThat(journal.oldestId()).isEqualTo(3);
        JournalRead read = journal.since(0, 100);
        assertThat(read.gap()).isEqualTo(GapReason.EXPIRED);
        assertThat(ids(read)).containsExactly(3L);
        clock.advance(Duration.ofMinutes(10));
        assertThat(journal.oldestId()).isEqualTo(4);
        assertThat(journal.since(3, 100).gap()).isNull();
        assertThat(journal.since(2, 100).gap()).isEqualTo(GapReason.EXPIRED);
    }

    @Test
    void timesNeverGoBackWhenTheClockDoes() {
        EventJournal journal = journal(8);
        Instant first = journal.append(presence("201")).time();
        clock.advance(Duration.ofSeconds(-30));
        assertThat(journal.append(presence("201")).time()).isEqualTo(first);
    }

    @Test
    void subscribersAreToldOfEachAppendUntilTheyClose() {
        EventJournal journal = journal(8);
        AtomicInteger told = new AtomicInteger();
        EventJournal.Subscription subscription = journal.subscribe(told::incrementAndGet);
        journal.append(presence("201"));
        journal.append(presence("201"));
        subscription.close();
        journal.append(presence("201"));
        assertThat(told).hasValue(2);
    }

    @Test
    void concurrentWritersGetDistinctIdsAndAReaderSeesThemWithoutHolesOrRepeats() throws Exception {
        EventJournal journal = new EventJournal(100_000, Duration.ofHours(1), Clock.systemUTC(), registry);
        int writers = 4;
        int each = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String user = "20" + w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        journal.append(presence(user));
                    }
                    return null;
                }));
            }
            Future<List<Long>> reader = pool.submit(() -> {
                go.await();
                List<Long> seen = new ArrayList<>();
                long last = 0;
                while (last < (long) writers * each) {
                    JournalRead read = journal.since(last, 128);
                    assertThat(read.gap()).isNull();
                    for (StreamEvent event : read.events()) {
                        seen.add(event.id());
                        last = event.id();
                    }
                }
                return seen;
            });
            go.countDown();
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
            List<Long> seen = reader.get(60, TimeUnit.SECONDS);
            assertThat(seen).hasSize(writers * each);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(i + 1L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
