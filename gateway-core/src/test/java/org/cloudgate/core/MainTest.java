package org.cloudgate.core;

import org.cloudgate.core.api.security.TokenHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void checkConfigPrintsEveryProblemAndExitsWithExConfig() throws Exception {
        Path file = Path.of(getClass().getResource("/config/five-mistakes.conf").toURI());

        int code = main.run(List.of("--check-config", file.toString()));

        assertThat(code).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .filteredOn(line -> line.startsWith(file + ":"))
                .hasSize(6)
                .contains(file + ": 5 configuration problems");
    }

    @Test
    void tokenHashReadsTheTokenFromStandardInputAndPrintsAHashThatAValidConfigurationTakes() throws Exception {
        String token = "Zm9vYmFyLXRva2VuLTAxMjM0NTY3ODk";
        Main withInput = new Main(new ByteArrayInputStream((token + "\n").getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(withInput.run(List.of("token-hash"))).isZero();
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(hash).startsWith("pbkdf2-sha256$600000$").doesNotContain(token);
        assertThat(TokenHash.parse(hash).matches(token)).isTrue();
        Path file = Files.writeString(dir.resolve("api.conf"), "cloudgate.api { enabled = true, tokens = [ "
                + "{ name = \"backend\", hash = \"" + hash + "\", scopes = [control] } ] }\n");
        out.reset();
        assertThat(main.run(List.of("--check-config", file.toString()))).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void tokenHashRefusesAShortTokenAndArguments() {
        Main shortToken = new Main(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(shortToken.run(List.of("token-hash"))).isEqualTo(64);
        assertThat(main.run(List.of("token-hash", "my-token-on-the-command-line"))).isEqualTo(64);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 20", "reads the token from standard input")
                .doesNotContain("short\n").doesNotContain("my-token-on-the-command-line");
    }

    @Test
    void checkConfigOfAValidFileExitsZero() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.conf"), "cloudgate.admin.port = 9191\n");

        assertThat(main.run(List.of("--check-config", file.toString()))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(file + ": OK\n");
    }

    @Test
    void badArgumentsExitWithExUsageAndPrintUsage() {
        assertThat(main.run(List.of("--frobnicate"))).isEqualTo(64);
        assertThat(main.run(List.of())).isEqualTo(64);
        assertThat(main.run(List.of("--config"))).isEqualTo(64);
        assertThat(main.run(List.of("--check-config", "a.conf", "b.conf"))).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --frobnicate", "Usage: cloudgate");
    }

    @Test
    void versionIsPrinted() {
        assertThat(main.run(List.of("--version"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("cloudgate ").doesNotContain("unknown");
    }

    @Test
    void aDaemonWithAnInvalidConfigDoesNotStart() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.conf"), "cloudgate.admin.port = -1\n");

        assertThat(main.run(List.of("--config", file.toString()))).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ":1: cloudgate.admin.port:");
    }
}
