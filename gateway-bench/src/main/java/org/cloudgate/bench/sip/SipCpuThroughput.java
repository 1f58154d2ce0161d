package org.cloudgate.bench.sip;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The work of {@link SipRewriteBenchmark} (parse, rewrite From, add Diversion, encode) per
 * CPU-second, for each implementation: divided by CPU time instead of wall time, so that the
 * ratios stay meaningful on a machine busy with other work, where JMH's wall-clock scores mostly
 * measure the scheduler. The implementations take turns over several rounds so that a burst of
 * load elsewhere does not land on one of them only. Two divisors are printed: the measuring
 * thread's CPU time, and the whole process's (which adds the garbage collector and the compiler,
 * so it is the conservative one).
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar org.cloudgate.bench.sip.SipCpuThroughput [seconds [rounds]]}:
 * each implementation is warmed up for {@value #WARM_UP_SECONDS} s, then measured for
 * {@code rounds} turns of {@code seconds} each (default 1 s, 10 rounds).
 */
public final class SipCpuThroughput {
    private static final double WARM_UP_SECONDS = 6;

    private SipCpuThroughput() {
    }

    /** One implementation's measured work. */
    private interface Rewrite {
        int once() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SipRewriteBenchmark benchmark = new SipRewriteBenchmark();
        benchmark.setUp();
        String[] names = {"cloudgate", "jain-sip", "pkts-sip"};
        Rewrite[] implementations = {
            benchmark::cloudgate,
            () -> benchmark.jainSip().length,
            () -> benchmark.pktsSip().getReadableBytes(),
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (Rewrite implementation : implementations) {
            run(implementation, WARM_UP_SECONDS);
        }
        long[] operations = new long[names.length];
        long[] threadCpu = new long[names.length];
        long[] processCpu = new long[names.length];
        long[] wall = new long[names.length];
        long octets = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < implementations.length; i++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long processStart = process.getProcessCpuTime();
                long wallStart = System.nanoTime();
                long[] done = run(implementations[i], seconds);
                threadCpu[i] += threads.getCurrentThreadCpuTime() - cpuStart;
                processCpu[i] += process.getProcessCpuTime() - processStart;
                wall[i] += System.nanoTime() - wallStart;
                operations[i] += done[0];
                octets += done[1];
            }
        }
        benchmark.checkOutputs();
        benchmark.tearDown();
        for (int i = 0; i < names.length; i++) {
            System.out.printf(Locale.ROOT, "%-10s %,10.0f ops/thread-CPU-s  %,10.0f ops/process-CPU-s  %,10.0f ops/wall-s%n",
                    names[i], operations[i] * 1e9 / threadCpu[i], operations[i] * 1e9 / processCpu[i],
                    operations[i] * 1e9 / wall[i]);
        }
        for (int i = 1; i < names.length; i++) {
            double perThreadCpu = (double) operations[0] / threadCpu[0] / ((double) operations[i] / threadCpu[i]);
            double perProcessCpu = (double) operations[0] / processCpu[0] / ((double) operations[i] / processCpu[i]);
            System.out.printf(Locale.ROOT, "cloudgate / %-9s %5.1fx per thread-CPU-s  %5.1fx per process-CPU-s%n",
                    names[i], perThreadCpu, perProcessCpu);
        }
        System.out.printf(Locale.ROOT, "(%,d octets written)%n", octets);
    }

    /** Runs for about {@code seconds} of wall time; returns the operations done and the octets they wrote. */
    private static long[] run(Rewrite implementation, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long operations = 0;
        long octets = 0;
        do {
            for (int i = 0; i < 256; i++) {
                octets += implementation.once();
            }
            operations += 256;
        } while (System.nanoTime() < deadline);
        return new long[] {operations, octets};
    }
}
