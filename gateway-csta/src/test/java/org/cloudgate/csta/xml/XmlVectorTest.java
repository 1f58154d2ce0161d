package org.cloudgate.csta.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.cloudgate.csta.CstaSamples;
import org.cloudgate.csta.Vectors;
import org.cloudgate.csta.codec.CstaDecodeException;
import org.cloudgate.csta.codec.CstaMessageDecoder;
import org.cloudgate.csta.codec.CstaMessageEncoder;
import org.cloudgate.csta.codec.DecodeFailure;
import org.cloudgate.csta.codec.Inbound;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.LocalConnectionState;
import org.junit.jupiter.api.Test;

/** Documents as PBXs and CTI tools write them (ed3, ed4, ed5), and hostile input. */
class XmlVectorTest {

    private final XmlCstaCodec codec = new XmlCstaCodec();

    private Inbound decodeFile(String name) {
        byte[] bytes = Vectors.bytes(Vectors.folder("xml").resolve(name));
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        return name.endsWith(".bin") ? codec.decode(buf) : codec.decodeDocument(buf, 0);
    }

    @Test
    void ed3DeliveredWithUnknownElementsDecodesAndCountsThem() {
        Inbound inbound = decodeFile("ed3-delivered-unknown-elements.xml");
        assertThat(inbound.namespace()).isEqualTo(XmlNamespaces.ED3);
        assertThat(inbound.message()).isEqualTo(new CstaMessage.EventReport(0, "M201",
                new CstaEvent.Delivered(CstaSamples.BOB, "202", "201", "202", null,
                        LocalConnectionState.ALERTING, EventCause.NEW_CALL)));
        assertThat(inbound.ignoredElements()).isEqualTo(4);
    }

    @Test
    void ed4EstablishedDecodes() {
        Inbound inbound = decodeFile("ed4-established.xml");
        assertThat(inbound.namespace()).isEqualTo(XmlNamespaces.ED4);
        assertThat(((CstaMessage.EventReport) inbound.message()).event()).isEqualTo(
                new CstaEvent.Established(CstaSamples.BOB, "202", "201", "202", null,
                        LocalConnectionState.CONNECTED, EventCause.NEW_CALL));
        assertThat(inbound.ignoredElements()).isZero();
    }

    @Test
    void ed5FramedDocumentsCarryTheirInvokeId() {
        Inbound response = decodeFile("ed5-monitor-start-response.bin");
        assertThat(response.message()).isEqualTo(new CstaMessage.Result(11, new CstaResult.MonitorStartResult("M201")));
        assertThat(response.ignoredElements()).isEqualTo(1);
        Inbound event = decodeFile("ed5-connection-cleared.bin");
        assertThat(event.message()).isEqualTo(new CstaMessage.EventReport(9999, "M201",
                new CstaEvent.ConnectionCleared(new ConnectionId("17", "202"), "202", LocalConnectionState.NULL,
                        EventCause.NORMAL_CLEARING)));
    }

    @Test
    void monitorLimitErrorAndSnapshotDecode() {
        assertThat(decodeFile("ed5-error-overall-monitor-limit.xml").message())
                .isEqualTo(new CstaMessage.Error(0, CstaError.OVERALL_MONITOR_LIMIT_EXCEEDED));
        CstaMessage snapshot = decodeFile("ed5-snapshot-device-response.xml").message();
        assertThat(snapshot).isEqualTo(new CstaMessage.Result(0,
                ((CstaMessage.Result) CstaSamples.services().get("snapshot-device-result")).result()));
    }

    @Test
    void hostileDocumentsFailCleanly() {
        for (Path file : Vectors.files("xml-hostile")) {
            ByteBuf buf = Unpooled.wrappedBuffer(Vectors.bytes(file));
            boolean framed = file.toString().endsWith(".bin");
            assertThatThrownBy(() -> {
                if (framed) {
                    codec.decode(buf);
                } else {
                    codec.decodeDocument(buf, 0);
                }
            }).as(file.getFileName().toString()).isInstanceOf(CstaDecodeException.class);
        }
    }

    @Test
    void entityExpansionIsRefusedNotExpanded() {
        ByteBuf buf = Unpooled.wrappedBuffer(Vectors.bytes(Vectors.folder("xml-hostile").resolve("billion-laughs.xml")));
        assertThatThrownBy(() -> codec.decodeDocument(buf, 0)).isInstanceOf(CstaDecodeException.class)
                .hasMessageNotContaining("lollol");
    }

    @Test
    void answersInThePeersNamespace() {
        EmbeddedChannel channel = new EmbeddedChannel(new CstaMessageEncoder(codec, XmlNamespaces.ED5));
        channel.pipeline().get(CstaMessageEncoder.class).useNamespace(XmlNamespaces.ED3);
        channel.writeOutbound(CstaSamples.services().get("monitor-start"));
        ByteBuf frame = channel.readOutbound();
        String text = frame.toString(8, frame.readableBytes() - 8, StandardCharsets.UTF_8);
        assertThat(frame.getUnsignedShort(2)).isEqualTo(frame.readableBytes());
        assertThat(frame.toString(4, 4, StandardCharsets.US_ASCII)).isEqualTo("0011");
        assertThat(text).contains("xmlns=\"" + XmlNamespaces.ED3 + "\"").contains("<deviceObject>201</deviceObject>");
        frame.release();
    }

    @Test
    void escapesAndPredefinedEntitiesRoundTrip() {
        CstaMessage message = new CstaMessage.Result(3, new CstaResult.MonitorStartResult("M<&>\"'1 \u00e9"));
        ByteBuf frame = Unpooled.buffer();
        codec.encode(message, XmlNamespaces.ED5, frame);
        assertThat(codec.decode(frame).message()).isEqualTo(message);
        String document = "<MonitorStartResponse xmlns=\"" + XmlNamespaces.ED4 + "\">"
                + "<monitorCrossRefID>a&amp;b&#x41;&lt;</monitorCrossRefID></MonitorStartResponse>";
        Inbound inbound = codec.decodeDocument(Unpooled.wrappedBuffer(document.getBytes(StandardCharsets.UTF_8)), 4);
        assertThat(inbound.message()).isEqualTo(new CstaMessage.Result(4, new CstaResult.MonitorStartResult("a&bA<")));
        frame.release();
    }

    @Test
    void frameDecoderReportsABrokenHeaderOnce() {
        EmbeddedChannel channel = new EmbeddedChannel(new XmlFrameDecoder(XmlFrameDecoder.MAX_FRAME_LENGTH),
                new CstaMessageDecoder(codec));
        channel.writeInbound(Unpooled.wrappedBuffer(Vectors.bytes(Vectors.folder("xml-hostile").resolve("bad-header.bin"))));
        channel.writeInbound(Unpooled.wrappedBuffer(Vectors.bytes(Vectors.folder("xml").resolve("ed5-connection-cleared.bin"))));
        DecodeFailure failure = channel.readInbound();
        assertThat(failure.framingLost()).isTrue();
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void frameDecoderSplitsAStreamAndRefusesOversizedFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new XmlFrameDecoder(300), new CstaMessageDecoder(codec));
        byte[] event = Vectors.bytes(Vectors.folder("xml").resolve("ed5-connection-cleared.bin"));
        byte[] response = Vectors.bytes(Vectors.folder("xml").resolve("ed5-monitor-start-response.bin"));
        ByteBuf stream = Unpooled.wrappedBuffer(response, event);
        while (stream.isReadable()) {
            channel.writeInbound(stream.readRetainedSlice(Math.min(7, stream.readableBytes())));
        }
        stream.release();
        assertThat(((Inbound) channel.readInbound()).message()).isInstanceOf(CstaMessage.Result.class);
        DecodeFailure failure = channel.readInbound();
        assertThat(failure.reason()).isEqualTo(DecodeFailure.OVERSIZED);
        channel.finishAndReleaseAll();
    }
}
