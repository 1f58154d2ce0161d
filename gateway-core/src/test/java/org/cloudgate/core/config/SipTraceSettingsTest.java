package org.cloudgate.core.config;

import org.cloudgate.sip.trace.SipTraceSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** {@code cloudgate.sip.trace}: what the operator writes and what the trace is given. */
class SipTraceSettingsTest {

    @TempDir
    Path dir;

    private final SettingsLoader loader = new SettingsLoader();

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("cloudgate.conf"), text);
    }

    @Test
    void theTraceIsOffByDefaultAndNamesAFileInTheWorkingDirectory() throws Exception {
        SipTraceSettings trace = loader.load(write("")).sip().trace();

        assertThat(trace).isEqualTo(new SipTraceSettings(false, Path.of("sip-trace.pcap").toAbsolutePath(),
                50L * 1024 * 1024, 5, false));
    }

    @Test
    void aTraceIsReadWithItsSizeInBinaryUnits() throws Exception {
        Path file = dir.resolve("traces/sip.pcap");
        Files.createDirectories(file.getParent());
        SipTraceSettings trace = loader.load(write("""
                cloudgate.sip.trace {
                  enabled = true
                  file = "%s"
                  max-file-size = 8MiB
                  max-files = 3
                  include-rtp = true
                }
                """.formatted(file))).sip().trace();

        assertThat(trace).isEqualTo(new SipTraceSettings(true, file, 8L << 20, 3, true));
    }

    @Test
    void everyMistakeNamesItsLineAndKey() throws Exception {
        Path config = write("""
                cloudgate.sip.trace {
                  enabled = true
                  file = "%s/missing/sip.pcap"
                  max-file-size = 50
                  max-files = 0
                }
                """.formatted(dir));

        List<ConfigProblem> problems = catchThrowableOfType(InvalidSettingsException.class,
                () -> loader.load(config)).problems();

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key, ConfigProblem::message)
                .containsExactlyInAnyOrder(
                        tuple(4, "cloudgate.sip.trace.max-file-size",
                                "expected a size with a unit, e.g. 50MiB, got a number (50)"),
                        tuple(5, "cloudgate.sip.trace.max-files",
                                "0 is out of range, must be between 1 and 1000"),
                        tuple(3, "cloudgate.sip.trace.file", "cannot write into " + dir.resolve("missing")
                                + " (the directory must exist and be writable)"));
    }

    @Test
    void aSizeOutOfRangeSaysTheRangeInBinaryUnits() throws Exception {
        Path config = write("cloudgate.sip.trace.max-file-size = 10K\n");

        assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> loader.load(config)).problems())
                .singleElement().extracting(ConfigProblem::message)
                .isEqualTo("\"10K\" is out of range, must be between 64KiB and 1TiB");
    }

    @Test
    void aFileIsCheckedOnlyWhileTheTraceIsOn() throws Exception {
        SipTraceSettings trace = loader.load(write("cloudgate.sip.trace.file = \"/nonexistent/sip.pcap\"\n"))
                .sip().trace();

        assertThat(trace.enabled()).isFalse();
        assertThat(trace.file()).isEqualTo(Path.of("/nonexistent/sip.pcap"));
    }
}
