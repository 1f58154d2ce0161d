package org.cloudgate.rtp.stats;

/**
 * What one relay leg received from its peer: packets, octets, loss from sequence-number gaps and
 * the interarrival jitter estimate, kept the way RFC 3550 appendix A describes so that the
 * figures match what the endpoints put in their own RTCP receiver reports.
 *
 * <p>Confined to the session's event loop: no synchronisation.
 */
public final class ReceptionStatistics {

    /** RFC 3550 A.1: a jump ahead larger than this is a restart, not loss. */
    static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: a step back no larger than this is a late (reordered) packet. */
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private ClockRates clockRates;
    private long packets;
    private long octets;
    private long reordered;
    private long lastArrivalNanos;
    private boolean started;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq = -1;
    private long receivedInRun;
    private long expectedBefore;
    private long receivedBefore;
    private boolean transitKnown;
    private long lastTransit;
    private double jitter;
    private int jitterClockRate;

    public ReceptionStatistics(ClockRates clockRates) {
        this.clockRates = clockRates;
    }

    /** Takes the payload-type clock rates of a new SDP (a re-INVITE may map new dynamic types). */
    public void useClockRates(ClockRates rates) {
        clockRates = rates;
    }

    /**
     * Counts one RTP packet.
     *
     * @param arrivalNanos arrival time on a monotonic clock ({@link System#nanoTime()})
     */
    public void onRtp(int sequence, long timestamp, int payloadType, long packetSsrc, int octetCount,
                      long arrivalNanos) {
        packets++;
        octets += octetCount;
        lastArrivalNanos = arrivalNanos;
        if (!started || packetSsrc != ssrc) {
            // A new synchronisation source starts its own sequence space (RFC 3550 section 8.2).
            closeRun();
            started = true;
            ssrc = packetSsrc;
            restartSequence(sequence);
            transitKnown = false;
        } else {
            updateSequence(sequence);
        }
        updateJitter(timestamp, payloadType, arrivalNanos);
    }

    /** Counts a datagram (RTCP, or RTP not looked into) toward packets and octets only. */
    public void onOtherPacket(int octetCount, long arrivalNanos) {
        packets++;
        octets += octetCount;
        lastArrivalNanos = arrivalNanos;
    }

    /** RFC 3550 A.1 {@code update_seq}, without the probation of new sources. */
    private void updateSequence(int seq) {
        int delta = (seq - maxSeq) & (SEQ_MOD - 1);
        if (delta == 0) {
            reordered++;
            receivedInRun++;
            return;
        }
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            // A big jump: the sender restarted. Resynchronise if the next packet follows it.
            if (seq == badSeq) {
                closeRun();
                restartSequence(seq);
                return;
            }
            badSeq = (seq + 1) & (SEQ_MOD - 1);
            return;
        } else {
            reordered++;
        }
        receivedInRun++;
    }

    private void restartSequence(int seq) {
        maxSeq = seq;
        baseSeq = seq;
        cycles = 0;
        badSeq = -1;
        receivedInRun = 1;
    }

    private void closeRun() {
        if (started) {
            expectedBefore += expectedInRun();
            receivedBefore += receivedInRun;
        }
    }

    private long expectedInRun() {
        return cycles + maxSeq - baseSeq + 1;
    }

    /**
     * RFC 3550 A.8: {@code J += (|D(i-1,i)| - J) / 16}, D being the difference of relative
     * transit times in RTP timestamp units.
     */
    private void updateJitter(long timestamp, int payloadType, long arrivalNanos) {
        int rate = clockRates.rate(payloadType);
        if (rate == 0) {
            return;
        }
        if (rate != jitterClockRate) {
            jitterClockRate = rate;
            transitKnown = false;
        }
        long arrival = Math.floorDiv(arrivalNanos, 1000L) * rate / 1_000_000L;
        long transit = arrival - timestamp;
        if (transitKnown) {
            // RTP timestamps are 32-bit and wrap: take the difference modulo 2^32 (RFC 3550 5.1).
            long d = Math.abs((long) (int) (transit - lastTransit));
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        transitKnown = true;
    }

    public long packets() {
        return packets;
    }

    public long octets() {
        return octets;
    }

    public long reordered() {
        return reordered;
    }

    /** Packets the sequence numbers say were sent, over every SSRC seen (RFC 3550 A.3). */
    public long expected() {
        return expectedBefore + (started ? expectedInRun() : 0);
    }

    /** Expected minus received, never negative (duplicates can make it so, RFC 3550 A.3). */
    public long lost() {
        long received = receivedBefore + (started ? receivedInRun : 0);
        return Math.max(0, expected() - received);
    }

    /** Lost over expected, 0 when nothing was expected. */
    public double lossRatio() {
        long expected = expected();
        return expected == 0 ? 0 : (double) lost() / expected;
    }

    /** Interarrival jitter in RTP timestamp units of the current clock. */
    public double jitterUnits() {
        return jitter;
    }

    /** Interarrival jitter in milliseconds, 0 when no clock rate was known. */
    public double jitterMillis() {
        return jitterClockRate == 0 ? 0 : jitter * 1000.0 / jitterClockRate;
    }

    /** Arrival time of the last packet on the monotonic clock, 0 when none came. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    public LegSummary summary() {
        return new LegSummary(packets, octets, expected(), lost(), reordered, jitterMillis());
    }
}
