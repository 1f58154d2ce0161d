package org.cloudgate.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command that ends by itself (dpkg, promtool, systemd-analyze ...), run with a time limit. */
record Command(int exitCode, String output) {

    static Command run(Duration limit, String... command) throws IOException, InterruptedException {
        return run(limit, new ProcessBuilder(List.of(command)));
    }

    /** Runs {@code command} with stdout and stderr together; kills it and fails after {@code limit}. */
    static Command run(Duration limit, ProcessBuilder command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("command", ".out");
        try {
            Process process = command.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command.command()) + " did not end within " + limit
                        + "; output:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Command(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The output, after checking that the command exited 0. */
    String expectSuccess(String what) {
        if (exitCode != 0) {
            throw new AssertionError(what + " exited " + exitCode + "; output:\n" + output);
        }
        return output;
    }
}
