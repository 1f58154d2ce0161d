package org.cloudgate.distribution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The file tools through the installed launcher, on the project's own test vectors. */
@Timeout(60)
class ToolsIT {

    private static final Path RFC4475 = Path.of("../gateway-sip/src/test/resources/rfc4475");
    private static final Path CSTA_XML = Path.of("../gateway-csta/src/test/resources/vectors/xml");
    private static final Path CSTA_XML_HOSTILE = Path.of("../gateway-csta/src/test/resources/vectors/xml-hostile");

    @TempDir
    Path dir;

    @Test
    void sipCheckClassifiesTheTortureMessagesAsTheOracleSays() throws Exception {
        List<String> args = new ArrayList<>(List.of("sip-check", "--oracle", RFC4475.resolve("INDEX.tsv").toString()));
        args.addAll(files(RFC4475, ".dat"));
        assertThat(args).hasSizeGreaterThan(50);

        try (CloudgateProcess check = CloudgateProcess.start(dir, args.toArray(String[]::new))) {
            assertThat(check.awaitExit(Duration.ofSeconds(30))).as(check.output()).isZero();
            assertThat(check.output()).contains("TC_WSINV.dat", "TC_BADVERS_V.dat");
        }
    }

    @Test
    void cstaDecodePrintsOneJsonLinePerFile() throws Exception {
        List<String> vectors = files(CSTA_XML, ".xml");
        List<String> args = new ArrayList<>(List.of("csta-decode", "--encoding", "xml"));
        args.addAll(vectors);

        try (CloudgateProcess decode = CloudgateProcess.start(dir, args.toArray(String[]::new))) {
            assertThat(decode.awaitExit(Duration.ofSeconds(30))).as(decode.output()).isZero();
            assertThat(decode.output().lines().filter(line -> line.startsWith("{\"file\":"))).hasSize(vectors.size());
        }
    }

    @Test
    void cstaDecodeNamesWhatIsWrongInHostileInput() throws Exception {
        List<String> vectors = files(CSTA_XML_HOSTILE, "");
        List<String> args = new ArrayList<>(List.of("csta-decode", "--encoding", "xml"));
        args.addAll(vectors);

        try (CloudgateProcess decode = CloudgateProcess.start(dir, args.toArray(String[]::new))) {
            assertThat(decode.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(decode.output().lines().filter(line -> line.contains(": error: "))).hasSize(vectors.size());
        }
    }

    @Test
    void aToolWithBadArgumentsExits64() throws Exception {
        try (CloudgateProcess check = CloudgateProcess.start(dir, "csta-decode", "--encoding", "asn2")) {
            assertThat(check.awaitExit(Duration.ofSeconds(30))).isEqualTo(64);
        }
    }

    private static List<String> files(Path directory, String suffix) throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
                    .map(Path::toString).toList();
        }
    }
}
