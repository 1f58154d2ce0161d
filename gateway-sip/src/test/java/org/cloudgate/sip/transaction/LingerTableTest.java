package org.cloudgate.sip.transaction;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The linger table on a frozen clock: lookups, expiry by queue, growth and shrinking, collisions. */
class LingerTableTest {

    private final FrozenLoop clock = new FrozenLoop();
    private final AtomicInteger gone = new AtomicInteger();
    private LingerTable table;

    @BeforeEach
    void create() {
        table = new LingerTable(clock.loop(), gone::incrementAndGet);
    }

    @AfterEach
    void close() {
        clock.close();
    }

    private long now() {
        return clock.nanoTime();
    }

    private void advance(long millis) {
        clock.advance(millis);
    }

    private void put(long fingerprint, byte kind, long millis) {
        table.put(fingerprint, kind, null, millis, now() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void anEntryIsFoundUntilItsDeadlineAndThenGoneAndCounted() {
        long key = LingerTable.fingerprint(new TransactionKey("z9hG4bK-1", "192.0.2.1:5060", "INVITE"));
        put(key, LingerTable.INVITE_ACCEPTED, 32_000);
        put(LingerTable.fingerprint("call|tag|1|INVITE"), LingerTable.ORIGIN, 32_000);

        advance(31_999);
        assertThat(table.lookup(key)).isNotNegative();
        assertThat(table.kind(table.lookup(key))).isEqualTo(LingerTable.INVITE_ACCEPTED);
        assertThat(table.transactions()).as("origins are not transactions").isOne();
        advance(1);

        assertThat(table.lookup(key)).isNegative();
        assertThat(table.transactions()).isZero();
        assertThat(gone).hasValue(1);
    }

    @Test
    void fingerprintsTellKeysApartByEveryPart() {
        assertThat(LingerTable.fingerprint(new TransactionKey("ab", "c", "INVITE")))
                .isNotEqualTo(LingerTable.fingerprint(new TransactionKey("a", "bc", "INVITE")))
                .isNotEqualTo(LingerTable.fingerprint(new TransactionKey("ab", "c", "BYE")))
                .isNotEqualTo(LingerTable.fingerprint(new TransactionKey("ab", "", "INVITE")));
    }

    @Test
    void keptBytesAreResentAndReleasedWhenTheEntryGoes() {
        RecordingTransport udp = new RecordingTransport(false);
        ByteBuf response = Unpooled.copiedBuffer("SIP/2.0 200 OK\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII);
        long key = 42;
        table.put(key, LingerTable.RESPONSE_KEPT,
                new LingerTable.Kept(response, udp, new InetSocketAddress("192.0.2.1", 5060)), 32_000,
                now() + TimeUnit.SECONDS.toNanos(32));

        table.resend(table.lookup(key));
        table.resend(table.lookup(key));
        advance(32_000);

        assertThat(udp.sent).containsExactly("SIP/2.0 200 OK\r\n\r\n", "SIP/2.0 200 OK\r\n\r\n");
        assertThat(response.refCnt()).isZero();
    }

    @Test
    void keptResponsesToOnePeerShareOneAddressObject() {
        RecordingTransport udp = new RecordingTransport(false);
        LingerTable.Kept first = table.keep(Unpooled.buffer(1), udp, new InetSocketAddress("192.0.2.1", 5060));
        LingerTable.Kept second = table.keep(Unpooled.buffer(1), udp, new InetSocketAddress("192.0.2.1", 5060));
        LingerTable.Kept other = table.keep(Unpooled.buffer(1), udp, new InetSocketAddress("192.0.2.1", 5062));

        assertThat(second.peer()).isSameAs(first.peer());
        assertThat(other.peer()).isNotSameAs(first.peer()).isEqualTo(new InetSocketAddress("192.0.2.1", 5062));
        first.bytes().release();
        second.bytes().release();
        other.bytes().release();
    }

    @Test
    void aDeadlineBetweenTwoMillisecondsIsRoundedUpNeverDown() {
        long key = 77;
        table.put(key, LingerTable.CLIENT_DONE, null, 5_000, now() + TimeUnit.MILLISECONDS.toNanos(5_000) - 1);

        clock.advanceNanos(TimeUnit.MILLISECONDS.toNanos(5_000) - 2);
        assertThat(table.lookup(key)).isNotNegative();
        advance(1);
        assertThat(table.lookup(key)).isNegative();
    }

    @Test
    void entriesSharingAHomeSlotSurviveTheRemovalOfAnyOfThem() {
        // Equal low bits and equal high bits: every one of these lands on the same home slot.
        long[] colliding = new long[40];
        for (int i = 0; i < colliding.length; i++) {
            colliding[i] = ((long) (i + 1) << 40) | ((long) (i + 1) << 8);
        }
        for (int i = 0; i < colliding.length; i++) {
            put(colliding[i], LingerTable.CLIENT_DONE, i % 2 == 0 ? 5_000 : 32_000);
        }
        advance(5_000);

        for (int i = 0; i < colliding.length; i++) {
            assertThat(table.lookup(colliding[i]) >= 0).as("entry %d", i).isEqualTo(i % 2 == 1);
        }
        assertThat(table.transactions()).isEqualTo(20);
    }

    @Test
    void aRandomMixOfEntriesAgreesWithAMapThroughGrowthAndShrinking() {
        Random random = new Random(7);
        Map<Long, Long> expected = new HashMap<>();
        long[] durations = {5_000, 32_000};
        for (int round = 0; round < 400; round++) {
            for (int i = 0; i < 500; i++) {
                long key = random.nextLong() | 1;
                long millis = durations[random.nextInt(durations.length)];
                put(key, LingerTable.CLIENT_DONE, millis);
                expected.put(key, now() + TimeUnit.MILLISECONDS.toNanos(millis));
            }
            advance(100);
            long time = now();
            expected.values().removeIf(deadline -> deadline - time <= 0);
            if (round % 50 == 0) {
                for (Map.Entry<Long, Long> entry : expected.entrySet()) {
                    assertThat(table.lookup(entry.getKey())).isNotNegative();
                }
            }
            assertThat(table.transactions()).isEqualTo(expected.size());
        }
        advance(40_000);

        assertThat(table.transactions()).isZero();
        assertThat(table.capacity()).as("back to its first size after the burst").isEqualTo(1024);
        assertThat(gone).hasValue(400 * 500);
        for (int i = 0; i < 1000; i++) {
            assertThat(table.lookup(random.nextLong() | 1)).isNegative();
        }
    }

    @Test
    void clearReleasesEverythingAndCountsTheTransactions() {
        ByteBuf ack = Unpooled.copiedBuffer(new byte[] {'A', 'C', 'K'});
        table.put(7, LingerTable.ACK_KEPT, new LingerTable.Kept(ack, new RecordingTransport(false),
                new InetSocketAddress("192.0.2.1", 5060)), 32_000, now() + TimeUnit.SECONDS.toNanos(32));
        put(8, LingerTable.CLIENT_DONE, 5_000);
        put(9, LingerTable.ORIGIN, 5_000);

        table.clear();

        assertThat(ack.refCnt()).isZero();
        assertThat(gone).hasValue(2);
        assertThat(table.lookup(7)).isNegative();
        assertThat(table.transactions()).isZero();
    }
}
