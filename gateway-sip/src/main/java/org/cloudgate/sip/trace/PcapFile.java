package org.cloudgate.sip.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A trace file that never grows past its size cap: when the next record would not fit, the file
 * is rotated ({@code trace.pcap} becomes {@code trace.pcap.1}, {@code .1} becomes {@code .2}, and
 * so on; the oldest beyond {@code maxFiles} is deleted) and a new one is started with its own
 * file header, so that every file opens on its own. Opening rotates an existing file away in the
 * same way, so a restart or a reload never overwrites an earlier trace.
 *
 * <p>Used by one thread only, the trace's writer.
 */
final class PcapFile implements AutoCloseable {

    private final Path file;
    private final long maxFileSize;
    private final int maxFiles;
    private FileChannel channel;
    private long size;

    private PcapFile(Path file, long maxFileSize, int maxFiles) {
        this.file = file;
        this.maxFileSize = maxFileSize;
        this.maxFiles = maxFiles;
    }

    /**
     * Opens a new trace at {@code file}, rotating what is there.
     *
     * @param maxFileSize octets one file may hold, file header included; at least one record
     *                    is written to each file whatever its size
     * @param maxFiles    how many files are kept, the current one included
     */
    static PcapFile open(Path file, long maxFileSize, int maxFiles) throws IOException {
        if (maxFileSize < PcapFormat.FILE_HEADER_LENGTH || maxFiles < 1) {
            throw new IllegalArgumentException("a trace needs room for a file header and one file at least");
        }
        PcapFile trace = new PcapFile(file, maxFileSize, maxFiles);
        trace.start();
        return trace;
    }

    Path file() {
        return file;
    }

    /** Appends one record (header and frame), rotating first when it would pass the cap. */
    void write(byte[] record) throws IOException {
        if (size + record.length > maxFileSize && size > PcapFormat.FILE_HEADER_LENGTH) {
            channel.close();
            start();
        }
        writeFully(ByteBuffer.wrap(record));
        size += record.length;
    }

    private void start() throws IOException {
        rotate();
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        size = 0;
        writeFully(ByteBuffer.wrap(PcapFormat.fileHeader()));
        size = PcapFormat.FILE_HEADER_LENGTH;
    }

    private void rotate() throws IOException {
        if (maxFiles == 1) {
            Files.deleteIfExists(file);
            return;
        }
        if (!Files.exists(file)) {
            return;
        }
        Files.deleteIfExists(numbered(maxFiles - 1));
        for (int n = maxFiles - 2; n >= 1; n--) {
            Path older = numbered(n);
            if (Files.exists(older)) {
                Files.move(older, numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code trace.pcap.n}; {@code n = 0} is the current file. */
    Path numbered(int n) {
        return n == 0 ? file : file.resolveSibling(file.getFileName() + "." + n);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
