package org.cloudgate.sip.transaction;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Transactions of one loop that have their final outcome and only linger until a timer of RFC
 * 3261 or RFC 6026 (J, K, I, D, L, M) to absorb retransmissions. At thousands of calls a second
 * each call leaves about three of them for up to 64*T1, so they are kept compactly: a 64-bit
 * fingerprint of the transaction key in an open-addressing table of primitive arrays, what the
 * transaction still answers with (its kind and, for some kinds, the bytes it last sent), and its
 * deadline in whole milliseconds. Deadlines are kept in first-in first-out queues, one per linger
 * duration, swept by a single task on the loop; no object and no timer per transaction. At 4,000
 * calls a second about half a million entries linger, at about 50 bytes each.
 *
 * <p>The fingerprint is a keyed hash (a random key per process), so a peer cannot choose keys
 * that collide; two keys colliding by chance, about one in 2^64 per lookup, would make a new
 * request look like the retransmission of a finished one. Used from the layer's loop only.
 */
final class LingerTable {

    /** A server INVITE transaction that sent a 2xx (RFC 6026 Accepted): ACKs go to the dialog. */
    static final byte INVITE_ACCEPTED = 1;
    /** A server INVITE transaction whose failure was acknowledged (Confirmed): ACKs are absorbed. */
    static final byte INVITE_CONFIRMED = 2;
    /** A server non-INVITE transaction (Completed): a retransmission gets the kept response again. */
    static final byte RESPONSE_KEPT = 3;
    /** A client transaction whose response came: retransmitted responses are absorbed. */
    static final byte CLIENT_DONE = 4;
    /** A client INVITE transaction that acknowledged a failure: a retransmitted failure gets the ACK again. */
    static final byte ACK_KEPT = 5;
    /** Not a transaction: the origin of a request without To tag, for merged-request detection. */
    static final byte ORIGIN = 6;

    private static final int INITIAL_CAPACITY = 1024;
    /** Expired entries are swept at most this often. */
    private static final int SWEEP_GRANULARITY_MILLIS = 100;
    private static final long SEED = new SecureRandom().nextLong();
    /** Distinct peers of kept responses remembered before the memo starts over. */
    private static final int MAX_PEERS = 4096;

    /** What a lingering transaction sends again, and where. */
    record Kept(ByteBuf bytes, SipTransport transport, InetSocketAddress peer) {

        void resend() {
            transport.send(bytes.retainedDuplicate(), peer, failure -> { });
        }
    }

    private final EventLoop loop;
    private final Runnable onTransactionGone;
    /** Loop time at which deadline milliseconds count from; they wrap after 24 days, harmlessly. */
    private final long epochNanos;
    /**
     * Each peer address once: a PBX sends every call from one address, and an address object of
     * its own (with its InetAddress) per kept response would cost about 100 bytes for 32 s.
     */
    private final Map<InetSocketAddress, InetSocketAddress> peers = new HashMap<>();
    private long[] fingerprints = new long[INITIAL_CAPACITY];
    private int[] deadlines = new int[INITIAL_CAPACITY];
    private byte[] kinds = new byte[INITIAL_CAPACITY];
    private Kept[] kept = new Kept[INITIAL_CAPACITY];
    private int size;
    private int transactions;
    private final List<ExpiryQueue> queues = new ArrayList<>(4);
    private ScheduledFuture<?> sweep;
    private int sweepAt;

    /**
     * @param onTransactionGone called for each lingering transaction (not origin) as it expires or
     *                          is cleared, for the layer's count of active transactions
     */
    LingerTable(EventLoop loop, Runnable onTransactionGone) {
        this.loop = loop;
        this.onTransactionGone = onTransactionGone;
        this.epochNanos = loop.ticker().nanoTime();
    }

    /** Slots in the table (twice the entries or more). */
    int capacity() {
        return fingerprints.length;
    }

    /** Lingering transactions, origins not counted. */
    int transactions() {
        return transactions;
    }

    static long fingerprint(TransactionKey key) {
        long h = mix(SEED ^ 0x5bd1e995L);
        h = hash(h, key.branch());
        h = hash(h, key.sentBy());
        h = hash(h, key.method());
        return finish(h);
    }

    static long fingerprint(String origin) {
        return finish(hash(mix(SEED ^ 0x27d4eb2fL), origin));
    }

    private static long hash(long h, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            h = Long.rotateLeft((h ^ s.charAt(i)) * 0x9e3779b97f4a7c15L, 29);
        }
        // The length ends each part, so that ("ab", "c") and ("a", "bc") differ.
        return Long.rotateLeft((h ^ s.length() ^ 0xff51afd7ed558ccdL) * 0x9e3779b97f4a7c15L, 29);
    }

    private static long mix(long h) {
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static long finish(long h) {
        long f = mix(h);
        return f == 0 ? 1 : f;   // zero marks an empty slot
    }

    /**
     * Keeps {@code fingerprint} until {@code deadlineNanos} (loop time). {@code bytes}, when not
     * null, passes here and is released when the entry goes.
     *
     * @param durationMillis the nominal linger time of this kind of entry: entries of equal
     *                       duration share a queue, in which deadlines are (nearly) in order
     */
    void put(long fingerprint, byte kind, Kept bytes, long durationMillis, long deadlineNanos) {
        int deadline = millisRoundedUp(deadlineNanos);
        int slot = find(fingerprint);
        if (slot >= 0) {
            drop(slot);
        } else {
            if ((size + 1) * 2 > fingerprints.length) {
                resize(fingerprints.length * 2);
            }
            slot = emptySlotFor(fingerprint);
            fingerprints[slot] = fingerprint;
            size++;
        }
        kinds[slot] = kind;
        kept[slot] = bytes;
        deadlines[slot] = deadline;
        if (kind != ORIGIN) {
            transactions++;
        }
        queue(durationMillis).add(fingerprint, deadline);
        scheduleSweep(deadline);
    }

    /**
     * The bytes a lingering transaction resends, with the peer address shared with earlier
     * entries from the same peer.
     */
    Kept keep(ByteBuf bytes, SipTransport transport, InetSocketAddress peer) {
        InetSocketAddress known = peers.get(peer);
        if (known == null) {
            if (peers.size() >= MAX_PEERS) {
                peers.clear();
            }
            peers.put(peer, peer);
            known = peer;
        }
        return new Kept(bytes, transport, known);
    }

    /** Loop time in milliseconds since the table's epoch, rounded up: an entry never leaves early. */
    private int millisRoundedUp(long nanos) {
        return (int) ((nanos - epochNanos + 999_999L) / 1_000_000L);
    }

    private int nowMillis() {
        return (int) ((loop.ticker().nanoTime() - epochNanos) / 1_000_000L);
    }

    /** The slot of a live entry with this fingerprint, or -1. */
    int lookup(long fingerprint) {
        int slot = find(fingerprint);
        if (slot < 0 || deadlines[slot] - nowMillis() <= 0) {
            return -1;
        }
        return slot;
    }

    byte kind(int slot) {
        return kinds[slot];
    }

    /** Sends the slot's kept bytes again, if it has any. */
    void resend(int slot) {
        if (kept[slot] != null) {
            kept[slot].resend();
        }
    }

    /** Drops every entry and frees the kept bytes: the stack is closing. */
    void clear() {
        for (int slot = 0; slot < fingerprints.length; slot++) {
            if (fingerprints[slot] != 0) {
                drop(slot);
                fingerprints[slot] = 0;
            }
        }
        size = 0;
        transactions = 0;
        queues.clear();
        peers.clear();
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }

    private ExpiryQueue queue(long durationMillis) {
        for (ExpiryQueue queue : queues) {
            if (queue.durationMillis == durationMillis) {
                return queue;
            }
        }
        ExpiryQueue queue = new ExpiryQueue(durationMillis);
        queues.add(queue);
        return queue;
    }

    private void scheduleSweep(int deadlineMillis) {
        int now = nowMillis();
        int at = deadlineMillis - now < SWEEP_GRANULARITY_MILLIS ? now + SWEEP_GRANULARITY_MILLIS : deadlineMillis;
        if (sweep != null && sweepAt - at <= 0) {
            return;
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        sweepAt = at;
        sweep = loop.schedule(this::sweep, at - now, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        sweep = null;
        int now = nowMillis();
        int next = 0;
        boolean pending = false;
        for (ExpiryQueue queue : queues) {
            while (queue.size > 0 && queue.headDeadline() - now <= 0) {
                expire(queue.headFingerprint(), queue.headDeadline());
                queue.pop();
            }
            queue.trim();
            if (queue.size > 0 && (!pending || queue.headDeadline() - next < 0)) {
                next = queue.headDeadline();
                pending = true;
            }
        }
        int capacity = shrunk(fingerprints.length, size, INITIAL_CAPACITY);
        if (capacity < fingerprints.length) {
            resize(capacity);   // after a burst, back to a table that fits what is left
        }
        if (pending) {
            scheduleSweep(next);
        }
    }

    /**
     * The power-of-two capacity, at least {@code minimum}, that a table or queue holding
     * {@code size} entries shrinks to: halved while it would be less than an eighth full.
     */
    private static int shrunk(int capacity, int size, int minimum) {
        while (capacity > minimum && size * 8 < capacity) {
            capacity /= 2;
        }
        return capacity;
    }

    /** Removes the entry if it is still the one queued with this deadline (not put again since). */
    private void expire(long fingerprint, int deadlineMillis) {
        int slot = find(fingerprint);
        if (slot < 0 || deadlines[slot] != deadlineMillis) {
            return;
        }
        drop(slot);
        removeAt(slot);
    }

    /** Frees what the slot's entry keeps and counts a transaction gone; the slot stays taken. */
    private void drop(int slot) {
        release(slot);
        if (kinds[slot] != ORIGIN) {
            transactions--;
            onTransactionGone.run();
        }
    }

    private void release(int slot) {
        if (kept[slot] != null) {
            kept[slot].bytes().release();
            kept[slot] = null;
        }
    }

    private int home(long fingerprint) {
        return (int) (fingerprint ^ (fingerprint >>> 32)) & (fingerprints.length - 1);
    }

    private int find(long fingerprint) {
        int mask = fingerprints.length - 1;
        for (int slot = home(fingerprint); ; slot = (slot + 1) & mask) {
            long f = fingerprints[slot];
            if (f == fingerprint) {
                return slot;
            }
            if (f == 0) {
                return -1;
            }
        }
    }

    private int emptySlotFor(long fingerprint) {
        int mask = fingerprints.length - 1;
        int slot = home(fingerprint);
        while (fingerprints[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Linear probing without tombstones: later entries of the probe run move back into the hole. */
    private void removeAt(int hole) {
        int mask = fingerprints.length - 1;
        int slot = hole;
        while (true) {
            slot = (slot + 1) & mask;
            long f = fingerprints[slot];
            if (f == 0) {
                break;
            }
            int home = home(f);
            boolean reachable = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
            if (!reachable) {
                fingerprints[hole] = f;
                deadlines[hole] = deadlines[slot];
                kinds[hole] = kinds[slot];
                kept[hole] = kept[slot];
                hole = slot;
            }
        }
        fingerprints[hole] = 0;
        kept[hole] = null;
        size--;
    }

    private void resize(int capacity) {
        long[] oldFingerprints = fingerprints;
        int[] oldDeadlines = deadlines;
        byte[] oldKinds = kinds;
        Kept[] oldKept = kept;
        fingerprints = new long[capacity];
        deadlines = new int[capacity];
        kinds = new byte[capacity];
        kept = new Kept[capacity];
        for (int i = 0; i < oldFingerprints.length; i++) {
            if (oldFingerprints[i] != 0) {
                int slot = emptySlotFor(oldFingerprints[i]);
                fingerprints[slot] = oldFingerprints[i];
                deadlines[slot] = oldDeadlines[i];
                kinds[slot] = oldKinds[i];
                kept[slot] = oldKept[i];
            }
        }
    }

    /** The deadlines of entries of one linger duration, oldest first, in a growing ring. */
    private static final class ExpiryQueue {

        final long durationMillis;
        private long[] fingerprints = new long[256];
        private int[] deadlines = new int[256];
        private int head;
        int size;

        ExpiryQueue(long durationMillis) {
            this.durationMillis = durationMillis;
        }

        void add(long fingerprint, int deadline) {
            if (size == fingerprints.length) {
                grow();
            }
            int tail = (head + size) & (fingerprints.length - 1);
            fingerprints[tail] = fingerprint;
            deadlines[tail] = deadline;
            size++;
        }

        long headFingerprint() {
            return fingerprints[head];
        }

        int headDeadline() {
            return deadlines[head];
        }

        void pop() {
            head = (head + 1) & (fingerprints.length - 1);
            size--;
            if (size == 0) {
                head = 0;
            }
        }

        /** Gives back the memory of a burst once the queue is mostly empty again. */
        void trim() {
            int capacity = shrunk(fingerprints.length, size, 256);
            if (capacity < fingerprints.length) {
                resize(capacity);
            }
        }

        private void grow() {
            resize(fingerprints.length * 2);
        }

        private void resize(int capacity) {
            long[] f = new long[capacity];
            int[] d = new int[capacity];
            for (int i = 0; i < size; i++) {
                int from = (head + i) & (fingerprints.length - 1);
                f[i] = fingerprints[from];
                d[i] = deadlines[from];
            }
            fingerprints = f;
            deadlines = d;
            head = 0;
        }
    }
}
