package org.cloudgate.sip.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PcapFileTest {

    @TempDir
    Path dir;

    private static byte[] record(int marker) {
        byte[] payload = new byte[100];
        Arrays.fill(payload, (byte) marker);
        return PcapFormat.record(TracedPacket.udp(0, new InetSocketAddress("192.0.2.1", 5060),
                new InetSocketAddress("192.0.2.2", 5060), payload));
    }

    private static final int RECORD = record(0).length;

    /** The markers of the records in {@code file}, after checking it opens with a file header. */
    private static int[] markers(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(content, PcapFormat.FILE_HEADER_LENGTH)).isEqualTo(PcapFormat.fileHeader());
        assertThat((content.length - PcapFormat.FILE_HEADER_LENGTH) % RECORD).isZero();
        int[] markers = new int[(content.length - PcapFormat.FILE_HEADER_LENGTH) / RECORD];
        for (int i = 0; i < markers.length; i++) {
            markers[i] = content[PcapFormat.FILE_HEADER_LENGTH + (i + 1) * RECORD - 1];
        }
        return markers;
    }

    @Test
    void aFileNeverPassesItsCapAndRotatesIntoNumberedFiles() throws IOException {
        Path trace = dir.resolve("sip-trace.pcap");
        try (PcapFile file = PcapFile.open(trace, PcapFormat.FILE_HEADER_LENGTH + 2L * RECORD, 3)) {
            for (int marker = 1; marker <= 7; marker++) {
                file.write(record(marker));
            }
        }

        assertThat(markers(trace)).containsExactly(7);
        assertThat(markers(dir.resolve("sip-trace.pcap.1"))).containsExactly(5, 6);
        assertThat(markers(dir.resolve("sip-trace.pcap.2"))).containsExactly(3, 4);
        assertThat(dir.resolve("sip-trace.pcap.3")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.mapToLong(f -> f.toFile().length()))
                    .allMatch(size -> size <= PcapFormat.FILE_HEADER_LENGTH + 2L * RECORD);
        }
    }

    @Test
    void openingRotatesAnEarlierTraceAwayInsteadOfOverwritingIt() throws IOException {
        Path trace = dir.resolve("t.pcap");
        try (PcapFile file = PcapFile.open(trace, 1 << 20, 2)) {
            file.write(record(1));
        }
        try (PcapFile file = PcapFile.open(trace, 1 << 20, 2)) {
            file.write(record(2));
        }

        assertThat(markers(trace)).containsExactly(2);
        assertThat(markers(dir.resolve("t.pcap.1"))).containsExactly(1);
    }

    @Test
    void withOneFileTheTraceStartsOverInPlace() throws IOException {
        Path trace = dir.resolve("t.pcap");
        try (PcapFile file = PcapFile.open(trace, PcapFormat.FILE_HEADER_LENGTH + RECORD, 1)) {
            file.write(record(1));
            file.write(record(2));
        }

        assertThat(markers(trace)).containsExactly(2);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(trace);
        }
    }

    @Test
    void aRecordLargerThanTheCapStillGetsAFileOfItsOwn() throws IOException {
        Path trace = dir.resolve("t.pcap");
        try (PcapFile file = PcapFile.open(trace, PcapFormat.FILE_HEADER_LENGTH + 10, 2)) {
            file.write(record(1));
            file.write(record(2));
        }

        assertThat(markers(trace)).containsExactly(2);
        assertThat(markers(dir.resolve("t.pcap.1"))).containsExactly(1);
    }
}
