package org.cloudgate.sip.trace;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway-wide SIP trace: one rotating pcap file that the taps of every SIP pipeline, and the
 * RTP relay when asked, feed with copies of what goes over the wire.
 *
 * <p>The event loops never touch the file: {@link #record} only offers the packet to a queue
 * bounded in packets and in octets, and one writer thread turns packets into pcap records. When the queue is full the packet
 * is dropped and counted ({@code cloudgate.sip.trace.dropped{reason="queue-full"}}); a file that
 * cannot be written stops the trace until the next {@link #apply}, and that is counted too
 * ({@code reason="write-failed"}). Settings can change at any time: the writer closes the file,
 * and with the trace still on starts a new one, rotating the old one away.
 */
public final class SipTrace implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipTrace.class);
    /** Packets that may wait for the writer. */
    static final int QUEUE_CAPACITY = 8192;
    /** Payload octets that may wait for the writer, so that large messages cannot fill the heap. */
    static final long QUEUE_OCTETS = 16L << 20;
    /** Octets of an RTP packet kept in the trace: the fixed header (RFC 3550 section 5.1). */
    public static final int RTP_HEADER_LENGTH = 12;
    private static final long CLOSE_WAIT_MILLIS = 5000;

    private record Reconfigure(SipTraceSettings settings) {
    }

    private static final Object STOP = new Object();

    private final BlockingQueue<Object> queue;
    private final long queueOctets;
    /** Payload octets offered and not yet written. */
    private final AtomicLong pending = new AtomicLong();
    private final ThreadFactory threads;
    private final Counter packets;
    private final Counter octets;
    private final Counter queueFull;
    private final Counter writeFailed;
    private final Counter tooLarge;
    private volatile boolean sip;
    private volatile boolean rtp;
    private volatile boolean writing;
    private SipTraceSettings applied = SipTraceSettings.disabled();
    private Thread writer;
    /** The writer thread's own state. */
    private PcapFile file;
    /** Set by the writer when the file could not be written; the next apply tries again. */
    private volatile boolean failed;

    /** A trace that is off until {@link #apply} turns it on. */
    public SipTrace(MeterRegistry registry) {
        this(registry, QUEUE_CAPACITY, QUEUE_OCTETS, runnable -> {
            Thread thread = new Thread(runnable, "cloudgate-sip-trace");
            thread.setDaemon(true);
            return thread;
        });
    }

    SipTrace(MeterRegistry registry, int queueCapacity, long queueOctets, ThreadFactory threads) {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.queueOctets = queueOctets;
        this.threads = threads;
        this.packets = Counter.builder("cloudgate.sip.trace.packets")
                .description("Packets written to the SIP trace file").register(registry);
        this.octets = Counter.builder("cloudgate.sip.trace.bytes").baseUnit("bytes")
                .description("Octets written to the SIP trace files, pcap headers included").register(registry);
        this.queueFull = dropped(registry, "queue-full");
        this.writeFailed = dropped(registry, "write-failed");
        this.tooLarge = dropped(registry, "too-large");
        Gauge.builder("cloudgate.sip.trace.active", this, trace -> trace.writing ? 1 : 0)
                .description("1 while the SIP trace writes a file").register(registry);
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("cloudgate.sip.trace.dropped")
                .description("Packets the SIP trace could not write, by reason")
                .tag("reason", reason).register(registry);
    }

    /**
     * Takes new settings: turns the trace on or off, or moves it to a new file. Call it from a
     * thread that may wait for the writer (start, reload), never from an event loop.
     */
    public synchronized void apply(SipTraceSettings settings) {
        if (settings.equals(applied) && !failed) {
            return;
        }
        applied = settings;
        if (writer == null) {
            writer = threads.newThread(this::run);
            writer.start();
        }
        sip = settings.enabled();
        rtp = settings.enabled() && settings.includeRtp();
        putUninterruptibly(new Reconfigure(settings));
    }

    /** Whether SIP messages are traced now; the taps copy nothing while it is off. */
    public boolean tracesSip() {
        return sip;
    }

    /** Whether RTP headers are traced now. */
    public boolean tracesRtp() {
        return rtp;
    }

    /** Offers one packet to the writer; never waits. */
    void record(TracedPacket packet) {
        int octets = packet.payload().length;
        if (pending.addAndGet(octets) > queueOctets || !queue.offer(packet)) {
            pending.addAndGet(-octets);
            queueFull.increment();
        }
    }

    /**
     * Traces one relayed RTP packet, the 12-octet fixed header kept and its real length recorded,
     * when RTP tracing is on. For the relay, on its event loop; {@code packet} is read, not kept.
     */
    public void rtp(InetSocketAddress source, InetSocketAddress destination, ByteBuf packet) {
        if (!rtp) {
            return;
        }
        int length = packet.readableBytes();
        byte[] header = ByteBufUtil.getBytes(packet, packet.readerIndex(), Math.min(RTP_HEADER_LENGTH, length));
        record(new TracedPacket(now(), source, destination, false, 0, 0, 0, header, length));
    }

    /** Microseconds since the epoch, as pcap timestamps count. */
    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private void run() {
        try {
            while (true) {
                Object item = queue.take();
                if (item instanceof TracedPacket packet) {
                    pending.addAndGet(-packet.payload().length);
                    write(packet);
                } else if (item instanceof Reconfigure reconfigure) {
                    reopen(reconfigure.settings());
                } else if (item == STOP) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeFile();
        }
    }

    private void write(TracedPacket packet) {
        if (file == null) {
            if (failed) {
                writeFailed.increment();
            }
            return;
        }
        byte[] record;
        try {
            record = PcapFormat.record(packet);
        } catch (IllegalArgumentException e) {
            tooLarge.increment();
            return;
        }
        try {
            file.write(record);
            packets.increment();
            octets.increment(record.length);
        } catch (IOException e) {
            fail(file.file().toString(), e);
        }
    }

    private void reopen(SipTraceSettings settings) {
        closeFile();
        failed = false;
        if (!settings.enabled()) {
            log.info("SIP trace off");
            return;
        }
        try {
            file = PcapFile.open(settings.file(), settings.maxFileSize(), settings.maxFiles());
            writing = true;
            log.warn("SIP trace on: writing {} (at most {} files of {} octets{}); the trace holds phone numbers "
                    + "and digest credentials, switch it off when done", settings.file(), settings.maxFiles(),
                    settings.maxFileSize(), settings.includeRtp() ? ", RTP headers included" : "");
        } catch (IOException | RuntimeException e) {
            fail(settings.file().toString(), e);
        }
    }

    private void fail(String name, Exception e) {
        writeFailed.increment();
        log.error("SIP trace stopped: cannot write {}: {}; fix it and reload to trace again", name, e.toString());
        closeFile();
        failed = true;
        sip = false;
        rtp = false;
    }

    private void closeFile() {
        writing = false;
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            log.warn("closing the SIP trace {} failed: {}", file.file(), e.toString());
        }
        file = null;
    }

    private void putUninterruptibly(Object item) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, closes the file and ends the writer. */
    @Override
    public synchronized void close() {
        sip = false;
        rtp = false;
        if (writer == null) {
            return;
        }
        putUninterruptibly(STOP);
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
        }
        writer = null;
        applied = SipTraceSettings.disabled();
    }
}
