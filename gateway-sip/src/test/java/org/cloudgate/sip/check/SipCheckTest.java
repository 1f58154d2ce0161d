package org.cloudgate.sip.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SipCheckTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<String> args) {
        return new SipCheck().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void allFilesMatchTheOracle() {
        Path directory = Rfc4475Vectors.directory();
        List<String> args = new ArrayList<>(List.of("--oracle", directory.resolve("INDEX.tsv").toString()));
        Rfc4475Vectors.all().forEach(v -> args.add(directory.resolve(v.file()).toString()));

        int status = run(args);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("MISMATCH\t").endsWith("50 passed, 0 failed\n");
        assertThat(printed).contains("TC_WSINV.dat\taccept\n", "TC_BADVERS_V.dat\treject\t505 version_not_supported\n");
        assertThat(status).isZero();
    }

    @Test
    void mismatchIsReportedAndFails(@TempDir Path tmp) throws Exception {
        Path oracle = tmp.resolve("oracle.tsv");
        Files.writeString(oracle, "file\texpected\nTC_WSINV.dat\treject\n");
        String file = Rfc4475Vectors.directory().resolve("TC_WSINV.dat").toString();

        int status = run(List.of("--oracle", oracle.toString(), file));

        assertThat(status).isEqualTo(SipCheck.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("MISMATCH\t" + file + "\texpected reject\tgot accept")
                .endsWith("0 passed, 1 failed\n");
    }

    @Test
    void withoutOracleEveryFileGetsOneLine() {
        String file = Rfc4475Vectors.directory().resolve("TC_NCL_I.dat").toString();

        assertThat(run(List.of(file))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(file + "\treject\t400 malformed_content_length\n");
    }

    @Test
    void badArgumentsPrintUsage() {
        assertThat(run(List.of())).isEqualTo(SipCheck.USAGE);
        assertThat(run(List.of("--bogus", "x"))).isEqualTo(SipCheck.USAGE);
        assertThat(run(List.of("--oracle"))).isEqualTo(SipCheck.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: cloudgate sip-check");
    }

    @Test
    void unreadableFileFails(@TempDir Path tmp) {
        assertThat(run(List.of(tmp.resolve("absent.dat").toString()))).isEqualTo(SipCheck.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
    }
}
