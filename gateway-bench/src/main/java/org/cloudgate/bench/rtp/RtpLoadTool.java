package org.cloudgate.bench.rtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * RTP load generator for any relay: N bidirectional 20 ms G.711 streams (50 packets/s each way),
 * measuring relayed packets/s, loss, reordering, added one-way latency (p50/p99/p99.9, send
 * time embedded in the payload; generator and relay on one host share the clock) and the
 * relay's CPU seconds per million relayed packets, from {@code /proc/<pid>/stat}.
 *
 * <pre>
 * java -cp gateway-bench/target/benchmarks.jar org.cloudgate.bench.rtp.RtpLoadTool \
 *      --relay both --streams 500 --warmup 5 --duration 20 [--rtpengine-ng 127.0.0.1:2223] [--tick-us 1000]
 * </pre>
 * The streams are spread over the 20 ms packet period in ticks of {@code --tick-us} (default
 * 1,000: 50 packets per tick at 500 streams). Ticks keep to the wall clock: when the generator
 * falls more than a period behind, the packets missed are skipped and reported in the
 * {@code skipped} column instead of being sent in a burst; a run with skipped packets in its
 * measured phase did not offer the nominal load.
 * <p>
 * The generator's endpoints ({@code --generator-sockets}): {@code shared} (default) sends all A
 * endpoints from one socket and all B endpoints from another, with sendmmsg and recvmmsg, so that
 * the generator, a single thread on the same host, keeps far ahead of the load it offers;
 * {@code per-endpoint} gives each stream's A and B a socket of their own (a relay that keys its
 * sessions by the peer's address needs that), at one system call per packet each way.
 *
 * Relays ({@code --relay}):
 * <ul>
 * <li>{@code cloudgate}: starts cloudgate's relay as a separate JVM ({@link CloudgateNgRelay}),
 *     {@code --cloudgate-threads} event loops (default 2), sets streams up over its ng socket;</li>
 * <li>{@code cloudgate-inprocess}: the same in this JVM (the CPU figure then includes the
 *     generator's own work);</li>
 * <li>{@code rtpengine}: a running rtpengine, ng socket {@code --rtpengine-ng}, pid
 *     {@code --rtpengine-pid} (found by name when not given);</li>
 * <li>{@code both}: cloudgate, then rtpengine, on the same load in the same run, repeated
 *     {@code --rounds} times (alternating, so that a change in the host's load hits both);</li>
 * <li>{@code ng}: any running relay with an ng socket {@code --ng HOST:PORT}, pid {@code --relay-pid};</li>
 * <li>{@code direct}: no relay, A and B send to each other: the generator's own latency and
 *     loss on this host right now, the baseline to read the others against;</li>
 * <li>{@code pairs}: any relay whose port pairs are listed in {@code --pairs FILE}
 *     ({@code host:portA host:portB} per line; the relay must latch), pid {@code --relay-pid}.</li>
 * </ul>
 */
public final class RtpLoadTool {

    private RtpLoadTool() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LoadOptions.parse(args);
        int streams = Integer.parseInt(options.getOrDefault("streams", "500"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "20"));
        String relay = options.getOrDefault("relay", "both");
        String local = options.getOrDefault("local", "127.0.0.1");
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
        List<String> relays = relay.equals("both") ? List.of("cloudgate", "rtpengine") : List.of(relay);
        List<String> lines = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (String kind : relays) {
                lines.add(run(kind, options, streams, warmup, duration, local));
            }
        }
        System.out.printf(Locale.ROOT, "%n%d streams (%d packets/s offered), %d s warm-up, %d s measured, "
                + "host load average %s%n", streams, streams * 100, warmup, duration, loadAverage());
        System.out.println(header());
        lines.forEach(System.out::println);
    }

    private static String run(String kind, Map<String, String> options, int streams, int warmup, int duration,
                              String local) throws Exception {
        Process child = null;
        CloudgateNgRelay inProcess = null;
        StreamSetup setup;
        long pid;
        switch (kind) {
            case "cloudgate" -> {
                InetSocketAddress ng = LoadOptions.address(options.getOrDefault("cloudgate-ng", "127.0.0.1:2224"));
                child = startCloudgate(ng, options.getOrDefault("cloudgate-threads", "2"),
                        options.getOrDefault("cloudgate-batch", "1"));
                pid = child.pid();
                setup = new NgStreamSetup(ng);
            }
            case "cloudgate-inprocess" -> {
                InetSocketAddress ng = LoadOptions.address(options.getOrDefault("cloudgate-ng", "127.0.0.1:2224"));
                inProcess = new CloudgateNgRelay(ng, local, 10000, 19999,
                        Integer.parseInt(options.getOrDefault("cloudgate-threads", "2")),
                        Integer.parseInt(options.getOrDefault("cloudgate-batch", "1")));
                pid = ProcessHandle.current().pid();
                setup = new NgStreamSetup(ng);
            }
            case "rtpengine" -> {
                setup = new NgStreamSetup(LoadOptions.address(options.getOrDefault("rtpengine-ng", "127.0.0.1:2223")));
                pid = Optional.ofNullable(options.get("rtpengine-pid")).map(Long::parseLong)
                        .orElseGet(RtpLoadTool::findRtpengine);
            }
            case "ng" -> {
                setup = new NgStreamSetup(LoadOptions.address(options.get("ng")));
                pid = Long.parseLong(options.get("relay-pid"));
            }
            case "direct" -> {
                setup = new DirectStreamSetup();
                pid = ProcessHandle.current().pid();
            }
            case "pairs" -> {
                setup = new PairsStreamSetup(Path.of(options.get("pairs")));
                pid = Long.parseLong(options.get("relay-pid"));
            }
            default -> throw new IllegalArgumentException("unknown relay " + kind);
        }
        StreamLoad load = new StreamLoad(streams, local,
                !options.getOrDefault("generator-sockets", "shared").equals("per-endpoint"),
                Long.parseLong(options.getOrDefault("tick-us", "1000")));
        try {
            load.openAll(setup);
            load.start();
            TimeUnit.SECONDS.sleep(warmup);
            load.measure();
            double cpuStart = ProcessCpu.seconds(pid);
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(duration);
            load.stop();
            double cpu = ProcessCpu.seconds(pid) - cpuStart;
            double seconds = (System.nanoTime() - start) / 1e9;
            TimeUnit.SECONDS.sleep(2);
            StreamLoad.Result result = load.result(seconds);
            load.closeAll(setup);
            return line(kind, streams, result, cpu);
        } finally {
            load.shutdown();
            setup.close();
            if (inProcess != null) {
                inProcess.close();
            }
            if (child != null) {
                child.destroy();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Process startCloudgate(InetSocketAddress ng, String threads, String batch) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The daemon launcher's collector and heap ceiling.
        Process process = new ProcessBuilder(java, "-XX:+UseParallelGC", "-Xms256m", "-Xmx256m",
                "-Dio.netty.leakDetection.level=disabled",
                "-cp", System.getProperty("java.class.path"), CloudgateNgRelay.class.getName(),
                "--ng", ng.getHostString() + ":" + ng.getPort(), "--threads", threads, "--batch", batch)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready")) {
            process.destroy();
            throw new IOException("cloudgate relay did not start: " + line);
        }
        System.out.println("cloudgate relay " + line);
        // The relay logs a call-end record per session: keep reading, or a full pipe stalls it.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded: the figures come from the load tool's own measurements
                }
            } catch (IOException e) {
                // the relay exited
            }
        }, "cloudgate-relay-output");
        drain.setDaemon(true);
        drain.start();
        return process;
    }

    private static long findRtpengine() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/rtpengine")).orElse(false))
                .findFirst()
                .map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("no rtpengine process; give --rtpengine-pid"));
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-20s %8s %12s %10s %8s %8s %9s %9s %9s %8s %8s %8s %9s %8s %12s",
                "relay", "streams", "relayed/s", "sent", "skipped", "lost", "loss%", "reordered", ">20ms", "p50us", "p99us",
                "p999us", "maxus", "cpu-s", "cpu-s/Mpkt");
    }

    private static String line(String kind, int streams, StreamLoad.Result r, double cpuSeconds) {
        double perMillion = r.received() == 0 ? 0 : cpuSeconds / (r.received() / 1e6);
        return String.format(Locale.ROOT, "%-20s %8d %12.0f %10d %8d %8d %9.4f %9d %9d %8d %8d %8d %9d %8.2f %12.2f",
                kind, streams, r.relayedPerSecond(), r.sent(), r.skipped(), r.lost(), r.lossPercent(), r.reordered(),
                r.laterThan20ms(),
                r.p50Micros(), r.p99Micros(), r.p999Micros(), r.maxMicros(), cpuSeconds, perMillion);
    }
}
