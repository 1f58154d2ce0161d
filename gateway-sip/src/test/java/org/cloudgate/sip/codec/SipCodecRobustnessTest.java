package org.cloudgate.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cloudgate.sip.check.Rfc4475Vectors;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds randomly mutated messages (RFC 4475 vectors and the project's own) through both
 * decoders: nothing may escape the pipeline, every channel must finish, every buffer must be
 * released (checked by reference count on each input and output: the paranoid leak detector
 * records a stack per octet read and would make the run take minutes), and the heap must not
 * grow with the number of messages.
 */
class SipCodecRobustnessTest {
    private static final int MUTATIONS = 100_000;
    private static final long SEED = 4475L;
    private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.10", 5060);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5060);
    private static final byte[] INTERESTING = " \t\r\n:;,<>\"\\@%[]=/0123456789".getBytes(StandardCharsets.US_ASCII);

    private final Random random = new Random(SEED);
    private final SipDatagramDecoder datagramDecoder = new SipDatagramDecoder(SipDecoderConfig.DEFAULTS, SipCodecMetrics.NONE);
    private final SipRejectionResponder responder = new SipRejectionResponder();
    private EmbeddedChannel tcp = newStream();
    private int streams;

    @Test
    @Timeout(120)
    void mutatedMessagesNeverEscapeHangOrLeak() {
        List<byte[]> seeds = seeds();
        EmbeddedChannel udp = new EmbeddedChannel(new SipDatagramEncoder(), datagramDecoder, responder);
        long heapBefore = usedHeapAfterGc();
        int accepted = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] mutated = mutate(seeds.get(random.nextInt(seeds.size())));
            accepted += throughDatagram(udp, mutated);
            throughStream(mutated);
            if (i == MUTATIONS / 10) {
                heapBefore = usedHeapAfterGc();
            }
        }
        assertThat(udp.finishAndReleaseAll()).isFalse();
        finishStream();
        long growth = usedHeapAfterGc() - heapBefore;

        assertThat(accepted).as("some mutations stay valid").isBetween(MUTATIONS / 50, MUTATIONS - 1);
        assertThat(streams).as("connections closed on lost framing").isPositive();
        assertThat(growth).as("heap growth over the run").isLessThan(HEAP_GROWTH_LIMIT);
    }

    private int throughDatagram(EmbeddedChannel udp, byte[] octets) {
        ByteBuf content = Unpooled.wrappedBuffer(octets);
        udp.writeInbound(new DatagramPacket(content, LOCAL, PEER));
        int accepted = 0;
        for (Object in; (in = udp.readInbound()) != null; ) {
            @SuppressWarnings("unchecked")
            SipMessage message = ((AddressedEnvelope<SipMessage, InetSocketAddress>) in).content();
            assertThat(message.rejection()).isNull();
            exercise(message);
            ReferenceCountUtil.release(in);
            assertThat(message.refCnt()).isZero();
            accepted++;
        }
        drainOutbound(udp);
        assertReleased(content);
        return accepted;
    }

    /**
     * Feeds the octets in random chunks into the current stream, which carries over from the
     * previous message until the decoder closes it (lost framing); then a new connection starts.
     */
    private void throughStream(byte[] octets) {
        List<ByteBuf> fed = new ArrayList<>();
        int i = 0;
        while (i < octets.length && tcp.isOpen()) {
            int chunk = 1 + random.nextInt(Math.min(octets.length - i, 1 + random.nextInt(600)));
            ByteBuf piece = Unpooled.wrappedBuffer(octets, i, chunk);
            fed.add(piece);
            tcp.writeInbound(piece);
            i += chunk;
        }
        for (Object in; (in = tcp.readInbound()) != null; ) {
            SipMessage message = (SipMessage) in;
            exercise(message);
            message.release();
            assertThat(message.refCnt()).isZero();
        }
        drainOutbound(tcp);
        if (!tcp.isOpen()) {
            finishStream();
            fed.forEach(SipCodecRobustnessTest::assertReleased);
            streams++;
            tcp = newStream();
        }
    }

    private void finishStream() {
        tcp.finishAndReleaseAll();
    }

    private EmbeddedChannel newStream() {
        return new EmbeddedChannel(new SipStreamEncoder(),
                new SipStreamDecoder(SipDecoderConfig.DEFAULTS, SipCodecMetrics.NONE, "tcp"), responder);
    }

    /** The shared empty buffer (a mutation may truncate everything) is never released. */
    private static void assertReleased(ByteBuf buffer) {
        if (buffer.capacity() > 0) {
            assertThat(buffer.refCnt()).isZero();
        }
    }

    /** Reads and rewrites what was accepted: accessors must hold on odd-but-valid input too. */
    private static void exercise(SipMessage message) {
        message.vias();
        message.from();
        message.to();
        message.cseq();
        message.contacts();
        message.routes();
        message.maxForwards();
        message.sessionExpires();
        message.authorization();
        if (message.isRequest()) {
            ((SipRequest) message).requestUri();
        }
        if (message.from() != null) {
            message.setUri(HeaderName.FROM, "sip:+41315550100@gateway.example.com");
        }
        message.addHeader(HeaderName.DIVERSION, "<sip:4711@pbx.example.com>;reason=unconditional");
        ByteBuf encoded = message.encode(ByteBufAllocator.DEFAULT);
        assertThat(encoded.readableBytes()).isEqualTo(message.encodedLength());
        encoded.release();
    }

    private static void drainOutbound(EmbeddedChannel channel) {
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ReferenceCountUtil.release(out);
        }
    }

    private byte[] mutate(byte[] seed) {
        byte[] octets = seed;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            octets = mutateOnce(octets);
        }
        return octets;
    }

    private byte[] mutateOnce(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        int at = random.nextInt(in.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        switch (random.nextInt(10)) {
            case 0 -> {
                byte[] copy = in.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1 -> {
                out.write(in, 0, at);
                out.write(INTERESTING[random.nextInt(INTERESTING.length)]);
                out.write(in, at, in.length - at);
            }
            case 2 -> {
                int length = Math.min(in.length - at, 1 + random.nextInt(16));
                out.write(in, 0, at);
                out.write(in, at + length, in.length - at - length);
            }
            case 3 -> {
                return java.util.Arrays.copyOf(in, at);
            }
            case 4 -> {
                int lineStart = lineStart(in, at);
                int lineEnd = lineEnd(in, at);
                out.write(in, 0, lineEnd);
                out.write(in, lineStart, lineEnd - lineStart);
                out.write(in, lineEnd, in.length - lineEnd);
            }
            case 5 -> {
                out.write(in, 0, at);
                byte[] huge = new byte[random.nextInt(10) == 0 ? 20_000 : 500 + random.nextInt(5000)];
                java.util.Arrays.fill(huge, (byte) 'a');
                for (int i = 0; i < 16; i++) {
                    huge[random.nextInt(huge.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
                }
                out.write(huge, 0, huge.length);
                out.write(in, at, in.length - at);
            }
            case 6 -> {
                byte[] copy = in.clone();
                copy[at] = (byte) random.nextInt(256);
                return copy;
            }
            case 7 -> {
                out.write(in, 0, at);
                byte[] number = Long.toString(random.nextLong()).getBytes(StandardCharsets.US_ASCII);
                out.write(number, 0, number.length);
                out.write(in, at, in.length - at);
            }
            default -> {
                byte[] copy = in.clone();
                byte[] swapped = INTERESTING;
                copy[at] = swapped[random.nextInt(swapped.length)];
                return copy;
            }
        }
        return out.toByteArray();
    }

    private static int lineStart(byte[] in, int at) {
        int i = at;
        while (i > 0 && in[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static int lineEnd(byte[] in, int at) {
        int i = at;
        while (i < in.length && in[i] != '\n') {
            i++;
        }
        return Math.min(in.length, i + 1);
    }

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        Rfc4475Vectors.all().forEach(vector -> seeds.add(vector.octets()));
        seeds.add(TestMessages.invite());
        seeds.add(TestMessages.lines(
                "SIP/2.0 200 OK",
                "Via: SIP/2.0/TCP [2001:db8::9]:5061;branch=z9hG4bKabc;received=2001:db8::1;rport=5062",
                "From: \"Alice\" <sips:alice@example.com>;tag=1",
                "To: <tel:+41797654321;phone-context=example.com>;tag=2",
                "Call-ID: c1@example.com",
                "CSeq: 1 INVITE",
                "Contact: <sip:bob@[2001:db8::2]:5060;transport=tcp>;expires=60, <sip:bob@192.0.2.3>",
                "Session-Expires: 1800;refresher=uas",
                "Record-Route: <sip:proxy.example.com;lr>",
                "Content-Length: 0"));
        return seeds;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
