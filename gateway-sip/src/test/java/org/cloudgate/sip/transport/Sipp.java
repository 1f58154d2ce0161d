package org.cloudgate.sip.transport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** SIPp, Debian's {@code sip-tester}, as a real peer: runs one scenario for one call over UDP. */
public final class Sipp implements AutoCloseable {

    private final Process process;
    private final Path log;
    public final int port;

    private Sipp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * A client: one call of {@code scenario} toward {@code target}; {@code options} go to SIPp as
     * they are, e.g. {@code -s 201 -au 201 -ap secret} for the service and digest credentials.
     */
    public static Sipp client(String scenario, String target, Path workDir, String... options) throws IOException {
        return start(scenario, workDir, target, options);
    }

    /** A server: waits for one call of {@code scenario}. */
    public static Sipp server(String scenario, Path workDir) throws IOException {
        return start(scenario, workDir, null);
    }

    /**
     * A server with further SIPp options, e.g. {@code -i 127.0.0.2} to listen on another loopback
     * address (the last {@code -i} counts).
     */
    public static Sipp server(String scenario, Path workDir, String... options) throws IOException {
        return start(scenario, workDir, null, options);
    }

    /** The UDP port SIPp listens on. */
    public int port() {
        return port;
    }

    private static Sipp start(String scenario, Path workDir, String target, String... options) throws IOException {
        int port = freeUdpPort();
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", resource(scenario, workDir).toString(),
                "-m", "1", "-i", "127.0.0.1", "-p", Integer.toString(port), "-t", "u1",
                "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_err",
                "-error_file", workDir.resolve("sipp-errors.log").toString()));
        command.addAll(List.of(options));
        if (target != null) {
            command.add(target);
        }
        Path log = workDir.resolve("sipp-" + port + ".out");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Sipp(process, log, port);
    }

    /** Waits for SIPp to finish its call: exit code 0 means every message came as scripted. */
    public int awaitExit(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("SIPp did not finish in " + seconds + " s:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.readString(log) + errors();
    }

    private String errors() throws IOException {
        Path errors = log.resolveSibling("sipp-errors.log");
        return Files.exists(errors) ? Files.readString(errors) : "";
    }

    /** The scenario file; copied into {@code workDir} when it sits inside a jar. */
    private static Path resource(String scenario, Path workDir) throws IOException {
        URL url = Sipp.class.getResource("/sipp/" + scenario);
        if (url == null) {
            throw new IllegalArgumentException("no SIPp scenario " + scenario);
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(scenario, e);
            }
        }
        Path copy = workDir.resolve(scenario);
        try (InputStream in = url.openStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    public static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
