package org.cloudgate.sip.trace;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;

class SipTraceTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("192.0.2.10", 5062);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("192.0.2.1", 5060);

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private SipTraceSettings on(String name, boolean rtp) {
        return new SipTraceSettings(true, dir.resolve(name), 1 << 20, 3, rtp);
    }

    private static TracedPacket message(String text) {
        return TracedPacket.udp(SipTrace.now(), PHONE, GATEWAY, text.getBytes(StandardCharsets.US_ASCII));
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void aNewTraceIsOffAndStartsNoThreadNorFile() {
        try (SipTrace trace = new SipTrace(registry)) {
            assertThat(trace.tracesSip()).isFalse();
            assertThat(trace.tracesRtp()).isFalse();
        }
        assertThat(dir.toFile().list()).isEmpty();
        assertThat(registry.get("cloudgate.sip.trace.active").gauge().value()).isZero();
    }

    @Test
    void whatIsRecordedWhileOnIsWrittenAndCounted() throws Exception {
        try (SipTrace trace = new SipTrace(registry)) {
            trace.apply(on("t.pcap", false));
            assertThat(trace.tracesSip()).isTrue();
            trace.record(message("OPTIONS sip:a SIP/2.0"));
            trace.record(message("SIP/2.0 200 OK"));
        }

        assertThat(PcapReader.frames(dir.resolve("t.pcap"))).extracting(PcapReader.Frame::text)
                .containsExactly("OPTIONS sip:a SIP/2.0", "SIP/2.0 200 OK");
        assertThat(counter("cloudgate.sip.trace.packets")).isEqualTo(2);
        assertThat(counter("cloudgate.sip.trace.bytes")).isEqualTo(PcapFormat.record(message("OPTIONS sip:a SIP/2.0"))
                .length + PcapFormat.record(message("SIP/2.0 200 OK")).length);
    }

    @Test
    void switchingOffClosesTheFileAndAMoveStartsANewOne() throws Exception {
        try (SipTrace trace = new SipTrace(registry)) {
            trace.apply(on("t.pcap", false));
            trace.record(message("first"));
            trace.apply(SipTraceSettings.disabled());
            assertThat(trace.tracesSip()).isFalse();
            trace.apply(on("u.pcap", false));
            trace.record(message("second"));
        }

        assertThat(PcapReader.frames(dir.resolve("t.pcap"))).extracting(PcapReader.Frame::text).containsExactly("first");
        assertThat(PcapReader.frames(dir.resolve("u.pcap"))).extracting(PcapReader.Frame::text).containsExactly("second");
    }

    /** A writer thread that starts working only when the latch opens. */
    private static ThreadFactory heldUntil(CountDownLatch writerMayRun) {
        return runnable -> new Thread(() -> {
            try {
                writerMayRun.await();
            } catch (InterruptedException e) {
                return;
            }
            runnable.run();
        });
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        CountDownLatch writerMayRun = new CountDownLatch(1);
        SipTrace trace = new SipTrace(registry, 3, 1 << 20, heldUntil(writerMayRun));
        trace.apply(on("t.pcap", false));
        for (int i = 1; i <= 5; i++) {
            trace.record(message("m" + i));
        }
        writerMayRun.countDown();
        trace.close();

        assertThat(counter("cloudgate.sip.trace.dropped", "reason", "queue-full")).isEqualTo(3);
        assertThat(PcapReader.frames(dir.resolve("t.pcap"))).extracting(PcapReader.Frame::text)
                .containsExactly("m1", "m2");
    }

    @Test
    void queuedOctetsAreBoundedTooSoThatLargeMessagesCannotFillTheHeap() throws Exception {
        CountDownLatch writerMayRun = new CountDownLatch(1);
        SipTrace trace = new SipTrace(registry, 100, 10, heldUntil(writerMayRun));
        trace.apply(on("t.pcap", false));
        trace.record(message("12345"));
        trace.record(message("123456"));
        trace.record(message("abcde"));
        writerMayRun.countDown();
        trace.close();

        assertThat(counter("cloudgate.sip.trace.dropped", "reason", "queue-full")).isEqualTo(1);
        assertThat(PcapReader.frames(dir.resolve("t.pcap"))).extracting(PcapReader.Frame::text)
                .containsExactly("12345", "abcde");
    }

    @Test
    void aFileThatCannotBeWrittenStopsTheTraceAndIsCounted() {
        SipTraceSettings nowhere = new SipTraceSettings(true, dir.resolve("missing/t.pcap"), 1 << 20, 2, false);
        SipTrace trace = new SipTrace(registry);
        trace.apply(nowhere);
        trace.record(message("lost"));
        trace.close();

        assertThat(counter("cloudgate.sip.trace.dropped", "reason", "write-failed")).isEqualTo(2);
        assertThat(counter("cloudgate.sip.trace.packets")).isZero();
    }

    @Test
    void rtpPacketsKeepTheirFixedHeaderOnlyAndOnlyWhenAsked() throws Exception {
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        rtp[11] = 0x42;
        rtp[12] = 0x55;
        try (SipTrace trace = new SipTrace(registry)) {
            trace.apply(on("sip-only.pcap", false));
            trace.rtp(PHONE, GATEWAY, Unpooled.wrappedBuffer(rtp));
            trace.apply(on("with-rtp.pcap", true));
            assertThat(trace.tracesRtp()).isTrue();
            trace.rtp(PHONE, GATEWAY, Unpooled.wrappedBuffer(rtp));
        }

        assertThat(PcapReader.frames(dir.resolve("sip-only.pcap"))).isEmpty();
        PcapReader.Frame frame = PcapReader.frames(dir.resolve("with-rtp.pcap")).get(0);
        assertThat(frame.payload()).hasSize(SipTrace.RTP_HEADER_LENGTH).startsWith((byte) 0x80).endsWith((byte) 0x42);
        assertThat(frame.sentLength()).isEqualTo(14 + 20 + 8 + 172);
    }
}
