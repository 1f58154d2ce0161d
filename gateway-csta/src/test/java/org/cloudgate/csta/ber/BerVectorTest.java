package org.cloudgate.csta.ber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloudgate.csta.CstaSamples;
import org.cloudgate.csta.Vectors;
import org.cloudgate.csta.codec.CstaDecodeException;
import org.cloudgate.csta.codec.CstaMessageDecoder;
import org.cloudgate.csta.codec.DecodeFailure;
import org.cloudgate.csta.codec.Inbound;
import org.cloudgate.csta.model.CstaMessage;
import org.junit.jupiter.api.Test;

/** The binary vectors documented in {@code vectors/README.md}, and hostile input. */
class BerVectorTest {

    private final BerCstaCodec codec = new BerCstaCodec();

    private static Map<String, CstaMessage> samples() {
        Map<String, CstaMessage> all = new LinkedHashMap<>(CstaSamples.services());
        all.putAll(CstaSamples.events());
        all.putAll(CstaSamples.berOnly());
        return all;
    }

    @Test
    void everySampleHasAVectorAndDecodesToIt() {
        Map<String, CstaMessage> samples = samples();
        List<Path> files = Vectors.files("ber");
        assertThat(files.stream().map(Vectors::baseName)).containsExactlyInAnyOrderElementsOf(samples.keySet());
        for (Path file : files) {
            String name = Vectors.baseName(file);
            byte[] bytes = Vectors.bytes(file);
            assertThat(codec.encode(samples.get(name))).as(name).isEqualTo(bytes);
            assertThat(codec.decode(Unpooled.wrappedBuffer(bytes)).message()).as(name).isEqualTo(samples.get(name));
        }
    }

    @Test
    void hostileVectorsFailWithAnOffset() {
        for (Path file : Vectors.files("ber-hostile")) {
            ByteBuf buf = Unpooled.wrappedBuffer(Vectors.bytes(file));
            assertThatThrownBy(() -> codec.decode(buf)).as(file.getFileName().toString())
                    .isInstanceOf(CstaDecodeException.class)
                    .satisfies(e -> assertThat(((CstaDecodeException) e).offset()).isGreaterThanOrEqualTo(0));
        }
    }

    @Test
    void unknownFieldsAreSkippedAndCounted() {
        // MonitorStart argument with requestedMonitorFilter [0] and monitorType added after the device
        byte[] bytes = {(byte) 0xA1, 0x16, 0x02, 0x01, 0x0B, 0x02, 0x01, 0x47, 0x30, 0x0E,
            0x30, 0x05, (byte) 0x80, 0x03, '2', '0', '1', (byte) 0xA0, 0x02, (byte) 0x80, 0x00, 0x0A, 0x01, 0x01};
        Inbound inbound = codec.decode(Unpooled.wrappedBuffer(bytes));
        assertThat(inbound.message()).isEqualTo(CstaSamples.services().get("monitor-start"));
        assertThat(inbound.ignoredElements()).isEqualTo(2);
    }

    @Test
    void unknownOperationIsReportedForAReject() {
        byte[] bytes = {(byte) 0xA1, 0x08, 0x02, 0x01, 0x05, 0x02, 0x01, 0x34, 0x30, 0x00};
        CstaMessage message = codec.decode(Unpooled.wrappedBuffer(bytes)).message();
        assertThat(message).isEqualTo(new CstaMessage.Unrecognized(5, "operation 52", true));
    }

    @Test
    void frameDecoderSplitsAStreamFedByteByByte() {
        EmbeddedChannel channel = new EmbeddedChannel(new BerFrameDecoder(BerFrameDecoder.DEFAULT_MAX_FRAME_LENGTH),
                new CstaMessageDecoder(codec));
        byte[] first = Vectors.bytes(Vectors.folder("ber").resolve("transferred-event.ber"));
        byte[] second = Vectors.bytes(Vectors.folder("ber").resolve("monitor-start.ber"));
        for (byte b : first) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        channel.writeInbound(Unpooled.wrappedBuffer(second));
        assertThat(((Inbound) channel.readInbound()).message()).isEqualTo(samples().get("transferred-event"));
        assertThat(((Inbound) channel.readInbound()).message()).isEqualTo(samples().get("monitor-start"));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void brokenFramingIsReportedOnceAndTheRestDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new BerFrameDecoder(1024), new CstaMessageDecoder(codec));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xA1, (byte) 0x80, 0x02, 0x01}));
        channel.writeInbound(Unpooled.wrappedBuffer(Vectors.bytes(Vectors.folder("ber").resolve("monitor-start.ber"))));
        DecodeFailure failure = channel.readInbound();
        assertThat(failure.reason()).isEqualTo(DecodeFailure.FRAMING);
        assertThat(failure.framingLost()).isTrue();
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void oversizedFrameIsRefusedBeforeItArrives() {
        EmbeddedChannel channel = new EmbeddedChannel(new BerFrameDecoder(1024), new CstaMessageDecoder(codec));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xA1, (byte) 0x82, 0x10, 0x00}));
        DecodeFailure failure = channel.readInbound();
        assertThat(failure.reason()).isEqualTo(DecodeFailure.OVERSIZED);
        channel.finishAndReleaseAll();
    }

    @Test
    void malformedContentKeepsTheFraming() {
        EmbeddedChannel channel = new EmbeddedChannel(new BerFrameDecoder(1024), new CstaMessageDecoder(codec));
        channel.writeInbound(Unpooled.wrappedBuffer(Vectors.bytes(Vectors.folder("ber-hostile").resolve("not-a-pdu.ber"))));
        channel.writeInbound(Unpooled.wrappedBuffer(Vectors.bytes(Vectors.folder("ber").resolve("monitor-start.ber"))));
        DecodeFailure failure = channel.readInbound();
        assertThat(failure.reason()).isEqualTo(DecodeFailure.MALFORMED);
        assertThat(failure.framingLost()).isFalse();
        assertThat(((Inbound) channel.readInbound()).message()).isEqualTo(samples().get("monitor-start"));
        channel.finishAndReleaseAll();
    }
}
