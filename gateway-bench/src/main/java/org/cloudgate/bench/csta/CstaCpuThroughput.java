package org.cloudgate.bench.csta;

import com.sun.management.OperatingSystemMXBean;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.cloudgate.csta.ber.BerCstaCodec;
import org.cloudgate.csta.calls.CallStateListener;
import org.cloudgate.csta.calls.DeviceCalls;
import org.cloudgate.csta.codec.CstaCodec;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaMessage.EventReport;
import org.cloudgate.csta.monitor.EventRouter;
import org.cloudgate.csta.xml.XmlCstaCodec;
import org.cloudgate.csta.xml.XmlNamespaces;

/**
 * Decode-and-dispatch throughput per CPU-second, for each codec: the same work as
 * {@link CstaDecodeBenchmark}, divided by CPU time instead of wall time, so that the figure stays
 * meaningful on a machine busy with other work, where JMH's wall-clock scores mostly measure the
 * scheduler. Two divisors are printed: the measuring thread's CPU time, and the whole process's
 * (which adds the garbage collector and the compiler, so it is the conservative one).
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar org.cloudgate.bench.csta.CstaCpuThroughput [seconds]}
 */
public final class CstaCpuThroughput {

    private static final int EVENTS = 4096;
    private static final int MONITORS = 200;

    private CstaCpuThroughput() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (CstaCodec codec : List.of(new BerCstaCodec(), new XmlCstaCodec())) {
            ByteBuf[] frames = encode(codec);
            EventRouter router = new EventRouter();
            for (int m = 0; m < MONITORS; m++) {
                router.register(EventMix.crossRef(m),
                        new DeviceCalls(EventMix.device(m), new CallStateListener() { })::onEvent);
            }
            run(codec, frames, router, threads, seconds / 2);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long processStart = process.getProcessCpuTime();
            long wallStart = System.nanoTime();
            long events = run(codec, frames, router, threads, seconds);
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long processCpu = process.getProcessCpuTime() - processStart;
            long wall = System.nanoTime() - wallStart;
            System.out.printf(Locale.ROOT, "%-12s %,10.0f events/thread-CPU-s  %,10.0f events/process-CPU-s"
                            + "  %,10.0f events/wall-s%n", codec.getClass().getSimpleName(), events * 1e9 / cpu,
                    events * 1e9 / processCpu, events * 1e9 / wall);
            for (ByteBuf frame : frames) {
                frame.release();
            }
        }
    }

    private static ByteBuf[] encode(CstaCodec codec) {
        List<CstaMessage> mix = EventMix.generate(MONITORS, EVENTS, 42);
        ByteBuf[] frames = new ByteBuf[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            frames[i] = Unpooled.buffer();
            codec.encode(mix.get(i), XmlNamespaces.ED5, frames[i]);
        }
        return frames;
    }

    /** Decodes and dispatches batches until the thread has used this much CPU time. */
    private static long run(CstaCodec codec, ByteBuf[] frames, EventRouter router, ThreadMXBean threads,
                            double cpuSeconds) {
        long until = threads.getCurrentThreadCpuTime() + (long) (cpuSeconds * 1e9);
        long events = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (ByteBuf frame : frames) {
                router.dispatch((EventReport) codec.decode(frame).message());
            }
            events += frames.length;
        }
        return events;
    }
}
