package org.cloudgate.sip.trace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads back the IPv4 frames of a trace file written by {@link PcapFile}, for the tests. */
final class PcapReader {

    /** One record, its IPv4 and UDP or TCP fields taken apart. */
    record Frame(int keptLength, int sentLength, InetSocketAddress source, InetSocketAddress destination, boolean tcp,
                 int sequence, int acknowledgement, int flags, byte[] payload) {

        String text() {
            return new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private PcapReader() {
    }

    static List<Frame> frames(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        byte[] header = new byte[PcapFormat.FILE_HEADER_LENGTH];
        in.get(header);
        assertThat(header).isEqualTo(PcapFormat.fileHeader());
        List<Frame> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            in.getInt();
            in.getInt();
            int kept = in.getInt();
            int sent = in.getInt();
            byte[] frame = new byte[kept];
            in.get(frame);
            frames.add(parse(kept, sent, ByteBuffer.wrap(frame)));
        }
        return frames;
    }

    private static Frame parse(int kept, int sent, ByteBuffer frame) throws IOException {
        assertThat(frame.getShort(12)).as("IPv4 frames only here").isEqualTo((short) 0x0800);
        int ip = 14;
        boolean tcp = frame.get(ip + 9) == PcapFormat.PROTOCOL_TCP;
        InetAddress from = InetAddress.getByAddress(Arrays.copyOfRange(frame.array(), ip + 12, ip + 16));
        InetAddress to = InetAddress.getByAddress(Arrays.copyOfRange(frame.array(), ip + 16, ip + 20));
        int l4 = ip + 20;
        InetSocketAddress source = new InetSocketAddress(from, frame.getShort(l4) & 0xFFFF);
        InetSocketAddress destination = new InetSocketAddress(to, frame.getShort(l4 + 2) & 0xFFFF);
        int payload = l4 + (tcp ? PcapFormat.TCP_HEADER_LENGTH : PcapFormat.UDP_HEADER_LENGTH);
        return new Frame(kept, sent, source, destination, tcp, tcp ? frame.getInt(l4 + 4) : 0,
                tcp ? frame.getInt(l4 + 8) : 0, tcp ? frame.get(l4 + 13) : 0,
                Arrays.copyOfRange(frame.array(), payload, kept));
    }
}
