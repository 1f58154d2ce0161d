package org.cloudgate.csta.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CstaDecodeTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<String> args) {
        return new CstaDecode().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<String> paths(String folder) {
        List<String> paths = new ArrayList<>();
        for (Path file : Vectors.files(folder)) {
            paths.add(file.toString());
        }
        return paths;
    }

    @Test
    void everyBerVectorDecodesToOneJsonLine() {
        List<String> files = paths("ber");
        assertThat(run(files)).isEqualTo(CstaDecode.OK);
        assertThat(outLines()).hasSize(files.size()).allSatisfy(line -> assertThat(line).startsWith("{\"file\":"));
        assertThat(errLines()).isEmpty();
    }

    @Test
    void everyXmlVectorDecodesWithTheEncodingGuessed() {
        List<String> files = paths("xml");
        assertThat(run(files)).isEqualTo(CstaDecode.OK);
        assertThat(outLines()).hasSize(files.size())
                .allSatisfy(line -> assertThat(line).contains("\"encoding\":\"xml\""));
    }

    @Test
    void printsTheMessageTypeAndItsFields() {
        Path file = Vectors.folder("ber").resolve("delivered-event.ber");
        assertThat(run(List.of("--encoding", "ber", file.toString()))).isEqualTo(CstaDecode.OK);
        assertThat(outLines().get(0))
                .contains("\"message\":{\"type\":\"EventReport\",\"invokeId\":9999,\"monitorCrossRefId\":\"M201\"")
                .contains("\"event\":{\"type\":\"Delivered\",\"connection\":{\"type\":\"ConnectionId\","
                        + "\"callId\":\"17\",\"deviceId\":\"202\"}")
                .contains("\"lastRedirectionDevice\":null,\"localConnectionInfo\":\"ALERTING\",\"cause\":\"NEW_CALL\"");
    }

    @Test
    void readsBerAsHexText(@TempDir Path dir) throws IOException {
        Path hex = dir.resolve("monitor-start.hex");
        Files.writeString(hex, "0xA1 0x0F 02 01 0B 02 01 47\n30:07:30:05:80:03:32:30:31\n");
        assertThat(run(List.of(hex.toString()))).isEqualTo(CstaDecode.OK);
        assertThat(outLines().get(0)).contains("\"request\":{\"type\":\"MonitorStart\",\"monitorObject\":\"201\"}");
    }

    @Test
    void hostileFilesGiveOneErrorLineEachAndStatusOne() {
        List<String> files = new ArrayList<>(paths("ber-hostile"));
        files.addAll(paths("xml-hostile"));
        assertThat(run(files)).isEqualTo(CstaDecode.FAILED);
        assertThat(outLines()).isEmpty();
        assertThat(errLines()).hasSize(files.size()).allSatisfy(line -> assertThat(line).contains(": error: "));
        assertThat(errLines()).anySatisfy(line -> assertThat(line).endsWith("truncated.ber: error: length 73 runs "
                + "past the enclosing value at byte 0"));
    }

    @Test
    void oneBadFileAmongGoodOnesFailsTheRun() {
        String good = Vectors.folder("ber").resolve("aarq.ber").toString();
        assertThat(run(List.of(good, "/nonexistent/capture.ber"))).isEqualTo(CstaDecode.FAILED);
        assertThat(outLines()).hasSize(1);
        assertThat(errLines().get(0)).startsWith("/nonexistent/capture.ber: error: cannot read");
    }

    @Test
    void badArgumentsExitWithUsage() {
        assertThat(run(List.of())).isEqualTo(CstaDecode.USAGE);
        assertThat(run(List.of("--encoding", "json", "x"))).isEqualTo(CstaDecode.USAGE);
        assertThat(run(List.of("--verbose", "x"))).isEqualTo(CstaDecode.USAGE);
        assertThat(errLines()).contains("usage: cloudgate csta-decode [--encoding xml|ber] FILE...");
    }
}
