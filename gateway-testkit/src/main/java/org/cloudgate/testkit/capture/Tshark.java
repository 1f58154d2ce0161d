package org.cloudgate.testkit.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tshark for integration tests: whether it is installed, when a capture it started listens, and
 * the lines it prints when it reads a capture file back.
 */
public final class Tshark {

    private Tshark() {
    }

    /** Whether {@code tshark} is on the PATH. */
    public static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tshark"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until a capturing tshark (started with its standard error merged into its output)
     * says "Capturing on ...", which it prints once it listens.
     *
     * @return false if tshark ended without capturing, e.g. for lack of privileges
     */
    public static boolean awaitCapturing(Process tshark) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(tshark.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("Capturing on")) {
                return true;
            }
        }
        return false;
    }

    /** Runs tshark with these arguments (e.g. {@code -r FILE -Y FILTER}) and returns the lines it prints that are not blank. */
    public static List<String> read(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(arguments.length + 1);
        command.add("tshark");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tshark " + String.join(" ", arguments) + " did not finish within 20 s");
        }
        return lines;
    }
}
