package org.cloudgate.sip.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tshark, Wireshark's command-line reader, as the judge of a trace file: what it decodes is what
 * an operator sees in Wireshark.
 */
public final class Tshark {

    private static final long LIMIT_SECONDS = 60;

    private final Path file;
    private final List<String> options = new ArrayList<>();

    private Tshark(Path file) {
        this.file = file;
    }

    /** Reads {@code file} with every checksum checked, so a wrong one shows as an error. */
    public static Tshark reading(Path file) {
        Tshark tshark = new Tshark(file);
        tshark.options.addAll(List.of("-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-o", "tcp.check_checksum:TRUE"));
        return tshark;
    }

    /** One line per packet that matches {@code filter}, the {@code fields} separated by tabs. */
    public List<String> fields(String filter, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        command.addAll(options);
        command.addAll(List.of("-Y", filter, "-T", "fields"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path output = Files.createTempFile("tshark", ".out");
        Path errors = Files.createTempFile("tshark", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(errors.toFile()).start();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("tshark did not finish in " + LIMIT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ": "
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                    .toList();
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    /** Packets Wireshark finds malformed, or with an error or warning of its expert system. */
    public List<String> problems() throws IOException, InterruptedException {
        return fields("_ws.malformed || _ws.expert.severity >= \"Warning\"", "frame.number", "_ws.expert.message");
    }
}
