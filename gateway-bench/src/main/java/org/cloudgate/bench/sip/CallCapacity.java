package org.cloudgate.bench.sip;

import org.cloudgate.bench.rtp.LoadOptions;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The call-rate finder: SIPp places calls ({@code sipp/capacity-uac.xml}: INVITE, 180, 200, ACK and
 * BYE along the answer's route set, held {@code --hold} ms) through a SIP hop to SIPp answering
 * ({@code sipp/capacity-uas.xml}, which returns the Record-Route), one step per call rate, and
 * reports for each step the calls attempted, succeeded and failed. The answer is the highest rate
 * whose every step (each rate runs {@code --repeat} times, default once) had at most
 * {@code --max-failed} percent failed calls (a call SIPp never finished counts as failed). Steps at
 * the {@code --warmup} rates run first and are reported but not counted: a JVM hop compiles its hot
 * path in its first tens of seconds. A rate with a step above 5% failed is the last one run, after
 * all its repeats. The hop is any address: cloudgate, or another proxy measured
 * in the same run.
 *
 * <pre>
 * java -cp gateway-bench/target/benchmarks.jar org.cloudgate.bench.sip.CallCapacity \
 *      --target 127.0.0.1:5080 --service 202 --uac-ip 127.0.0.2 --uas 127.0.0.2:5070 \
 *      --rates 1000,2000,3000,4000,5000 --seconds 10 --hold 1000 [--label cloudgate] \
 *      [--warmup 500,1000,2000,3000] [--repeat 5]
 * </pre>
 * {@code --service} is the Request-URI user of the INVITEs; {@code --uac-ip} the address the calls
 * come from (cloudgate knows the PBX by its address). With {@code --register PASSWORD} the answering
 * side first registers {@code --service} at the hop with digest credentials
 * ({@code sipp/capacity-register.xml}) from the address and port it then answers on: the calls are
 * then PBX-to-softphone calls, relayed by cloudgate when indirect switching is on. SIPp must be on
 * the PATH.
 */
public final class CallCapacity {

    /**
     * SIPp's socket buffers (its default is 64 KiB): at thousands of calls per second a 64 KiB
     * receive buffer overflows whenever SIPp is off the CPU for a few milliseconds, and the calls
     * it then loses are the load generator's, not the hop's. 4 MiB is what Linux allows without
     * raising {@code net.core.rmem_max}, and what cloudgate asks for its own SIP socket.
     */
    private static final String SOCKET_BUFFER = Integer.toString(4 * 1024 * 1024);

    private static final Pattern SUCCESSFUL = Pattern.compile("Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
    private static final Pattern FAILED = Pattern.compile("Failed call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");

    /** One step: calls SIPp was asked for, and how they ended. */
    record Step(int rate, int attempted, int succeeded, int failed) {

        double failedPercent() {
            int lost = Math.max(failed, attempted - succeeded);
            return attempted == 0 ? 100 : 100.0 * lost / attempted;
        }
    }

    private CallCapacity() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LoadOptions.parse(args);
        String target = required(options, "target");
        String service = options.getOrDefault("service", "service");
        String uacIp = options.getOrDefault("uac-ip", "127.0.0.1");
        String uas = options.getOrDefault("uas", "127.0.0.1:5070");
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int hold = Integer.parseInt(options.getOrDefault("hold", "1000"));
        double maxFailed = Double.parseDouble(options.getOrDefault("max-failed", "0.5"));
        String label = options.getOrDefault("label", target);
        List<Integer> rates = rates(options.getOrDefault("rates", "500,1000,2000,3000,4000,5000,6000"));
        List<Integer> warmup = rates(options.getOrDefault("warmup", ""));
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "1"));
        Path work = Files.createTempDirectory("call-capacity");
        Path scenario = scenario(work, "capacity-uac.xml");
        Path answering = scenario(work, "capacity-uas.xml");
        int uasPort = Integer.parseInt(uas.substring(uas.lastIndexOf(':') + 1));
        String uasIp = uas.substring(0, uas.lastIndexOf(':'));
        String password = options.get("register");
        if (password != null) {
            register(work, target, service, password, uasIp, uasPort);
        }
        Process server = new ProcessBuilder("sipp", "-sf", answering.toString(), "-i", uasIp, "-p", Integer.toString(uasPort),
                "-buff_size", SOCKET_BUFFER, "-nostdin")
                .redirectErrorStream(true).redirectOutput(work.resolve("uas.out").toFile()).start();
        List<Step> steps = new ArrayList<>();
        try {
            Thread.sleep(500);
            System.out.printf(Locale.ROOT, "%-12s %8s %10s %10s %8s %9s%n", "hop", "rate/s", "attempted", "succeeded",
                    "failed", "failed%");
            for (int rate : warmup) {
                Step step = step(work, scenario, target, service, uacIp, rate, seconds, hold, "warmup-" + rate);
                print("warm-up", step);
                Thread.sleep(2000);
            }
            for (int rate : rates) {
                boolean saturated = false;
                for (int round = 0; round < repeat; round++) {
                    Step step = step(work, scenario, target, service, uacIp, rate, seconds, hold,
                            rate + "-" + (steps.size() + 1));
                    steps.add(step);
                    print(label, step);
                    saturated |= step.failedPercent() > 5 * maxFailed && step.failedPercent() > 5;
                    Thread.sleep(2000);
                }
                if (saturated) {
                    break;   // higher rates only fail more; this rate's repeats all ran, to be counted
                }
            }
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
        int best = 0;
        int passed = 0;
        for (int rate : rates.stream().distinct().toList()) {
            List<Step> atRate = steps.stream().filter(step -> step.rate() == rate).toList();
            long ok = atRate.stream().filter(step -> step.failedPercent() <= maxFailed).count();
            passed += (int) ok;
            if (!atRate.isEmpty() && ok == atRate.size()) {
                best = Math.max(best, rate);
            }
        }
        System.out.printf(Locale.ROOT, "%s: steps with at most %.1f%% failed calls: %d of %d%n", label, maxFailed,
                passed, steps.size());
        System.out.printf(Locale.ROOT, "%s: highest rate with at most %.1f%% failed calls in every step: %d calls/s%n",
                label, maxFailed, best);
        if (passed == steps.size()) {
            deleteTree(work);
        } else {
            System.out.println("SIPp output and error logs kept in " + work);
        }
    }

    private static void print(String label, Step step) {
        System.out.printf(Locale.ROOT, "%-12s %8d %10d %10d %8d %8.2f%%%n", label, step.rate(),
                step.attempted(), step.succeeded(), step.failed(), step.failedPercent());
    }

    private static List<Integer> rates(String list) {
        List<Integer> rates = new ArrayList<>();
        for (String rate : list.split(",")) {
            if (!rate.isBlank()) {
                rates.add(Integer.parseInt(rate.trim()));
            }
        }
        return rates;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** One step; its SIPp screen and error log are {@code uac-NAME.out} and {@code uac-NAME-errors.log}. */
    private static Step step(Path work, Path scenario, String target, String service, String uacIp, int rate,
                             int seconds, int hold, String name) throws IOException, InterruptedException {
        int calls = rate * seconds;
        Path out = work.resolve("uac-" + name + ".out");
        // -default_behaviors all,-bye: a call SIPp ends as failed (a 503 it acknowledged, a timeout)
        // gets no BYE or CANCEL on top, which the hop could only answer with 481 and keep for 32 s.
        Process client = new ProcessBuilder("sipp", "-sf", scenario.toString(), "-s", service, "-i", uacIp,
                "-default_behaviors", "all,-bye",
                "-p", Integer.toString(freePort(uacIp)),
                "-r", Integer.toString(rate), "-m", Integer.toString(calls), "-d", Integer.toString(hold),
                "-l", Integer.toString(rate * (hold / 1000 + 3)), "-timeout", (seconds + 30) + "s",
                "-max_socket", "50000", "-buff_size", SOCKET_BUFFER, "-nostdin", "-trace_err", "-error_file",
                work.resolve("uac-" + name + "-errors.log").toString(), target)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!client.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            client.destroyForcibly();
        }
        String screen = Files.readString(out, StandardCharsets.ISO_8859_1);
        return new Step(rate, calls, last(SUCCESSFUL, screen), last(FAILED, screen));
    }

    /** Registers {@code user} at {@code target} from {@code ip:port}, once, before the answering SIPp binds there. */
    private static void register(Path work, String target, String user, String password, String ip, int port)
            throws IOException, InterruptedException {
        Path scenario = scenario(work, "capacity-register.xml");
        Process registration = new ProcessBuilder("sipp", "-sf", scenario.toString(), "-s", user, "-au", user,
                "-ap", password, "-i", ip, "-p", Integer.toString(port), "-m", "1", "-nostdin", target)
                .redirectErrorStream(true).redirectOutput(work.resolve("register.out").toFile()).start();
        if (!registration.waitFor(20, TimeUnit.SECONDS)) {
            registration.destroyForcibly();
            throw new IllegalStateException("registration of " + user + " at " + target + " did not finish");
        }
        if (registration.exitValue() != 0) {
            throw new IllegalStateException("registration of " + user + " at " + target + " failed, see "
                    + work.resolve("register.out"));
        }
    }

    private static Path scenario(Path work, String name) throws IOException {
        Path file = work.resolve(name);
        try (var in = CallCapacity.class.getResourceAsStream("/sipp/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** A UDP port free on {@code ip} right now, for SIPp to bind (its own choice collides with 5060). */
    private static int freePort(String ip) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(ip, 0))) {
            return socket.getLocalPort();
        }
    }

    private static int last(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int value = 0;
        while (m.find()) {
            value = Integer.parseInt(m.group(1));
        }
        return value;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
