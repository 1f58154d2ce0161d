package org.cloudgate.distribution;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The daemon as an operator runs it: {@code bin/cloudgate} from the assembled layout, in its own
 * process, its console output captured to a file the test can read while it runs.
 */
final class CloudgateProcess implements AutoCloseable {

    private static final Pattern ADMIN_URL = Pattern.compile("admin-http (http://[^,\\s]+)");
    private static final Pattern SIP_UDP = Pattern.compile("sip\\+udp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SIP_TCP = Pattern.compile("sip\\+tcp://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path output;

    private CloudgateProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static Path home() {
        return Path.of(System.getProperty("cloudgate.home", "target/cloudgate"));
    }

    static Path launcher() {
        return home().resolve("bin/cloudgate");
    }

    static CloudgateProcess start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        return start(workDir, new ProcessBuilder(command));
    }

    /**
     * Starts any command that runs cloudgate, e.g. an installed one under another user; its output
     * goes to a file in {@code workDir}.
     */
    static CloudgateProcess start(Path workDir, ProcessBuilder command) throws IOException {
        Path output = Files.createTempFile(workDir, "cloudgate", ".out");
        Process process = command
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new CloudgateProcess(process, output);
    }

    /** Runs a command that ends by itself, e.g. --check-config, and returns its exit code. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cloudgate did not exit within " + limit + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits for the ready line and returns the admin listener's base URL from it. */
    String awaitReady() {
        await().atMost(Duration.ofSeconds(30)).until(() -> output().contains(" ready in ") || !process.isAlive());
        Matcher m = ADMIN_URL.matcher(output());
        if (!m.find()) {
            throw new AssertionError("no ready line with the admin address; output:\n" + output());
        }
        return m.group(1);
    }

    /** The port of the SIP listener on 127.0.0.1 over UDP, from the ready line. */
    int sipUdpPort() {
        return listenerPort(SIP_UDP, "UDP");
    }

    /** The port of the SIP listener on 127.0.0.1 over TCP, from the ready line. */
    int sipTcpPort() {
        return listenerPort(SIP_TCP, "TCP");
    }

    private int listenerPort(Pattern listener, String transport) {
        Matcher m = listener.matcher(output());
        if (!m.find()) {
            throw new AssertionError("no SIP " + transport + " listener in the ready line; output:\n" + output());
        }
        return Integer.parseInt(m.group(1));
    }

    /** What the admin listener at {@code admin} serves on {@code /metrics} now. */
    static String scrape(String admin) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The value of one series in a {@link #scrape}, e.g. {@code cloudgate_calls_active} or
     * {@code cloudgate_overload_rejected_total{cause="heap"}} (labels as exposed); 0 when absent.
     */
    static double sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    /** Sends SIGTERM, as systemd does on stop. */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
