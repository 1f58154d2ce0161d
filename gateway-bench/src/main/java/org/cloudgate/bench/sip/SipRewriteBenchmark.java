package org.cloudgate.bench.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pkts.buffer.Buffer;
import io.pkts.packet.sip.SipMessage;
import io.pkts.packet.sip.header.SipHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import javax.sip.SipFactory;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import org.cloudgate.sip.codec.SipDatagramFraming;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.message.HeaderName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's hot path on a realistic INVITE with SDP (1,038 octets): parse, replace the
 * From URI with the call-through number (display name and tag kept), add a Diversion header
 * above any existing one, serialize. The same work with the gateway's codec, JAIN-SIP RI and
 * pkts-sip, from the same bytes to bytes on the wire; {@link #checkOutputs()} verifies each
 * produces the intended message, the same as JAIN-SIP's, before anything is measured, and the
 * gateway's last measured output is checked again afterwards.
 *
 * <p>Run: {@code java -jar gateway-bench/target/benchmarks.jar SipRewrite -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SipRewriteBenchmark {
    static final String CALL_THROUGH_USER = "+41315550100";
    static final String CALL_THROUGH_HOST = "gateway.example.com";
    static final String CALL_THROUGH_URI = "sip:" + CALL_THROUGH_USER + "@" + CALL_THROUGH_HOST;
    static final String DIVERSION = "<sip:4711@pbx.example.com>;reason=unconditional;counter=1";

    private byte[] invite;
    private ByteBuf inviteBuffer;
    private ByteBuf wire;
    private SipDatagramFraming framing;
    private AddressFactory jainAddresses;
    private HeaderFactory jainHeaders;
    private Address jainCallThrough;

    @Setup
    public void setUp() throws Exception {
        invite = readInvite();
        inviteBuffer = Unpooled.wrappedBuffer(invite);
        wire = Unpooled.buffer(4096);
        framing = new SipDatagramFraming(SipDecoderConfig.DEFAULTS);
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        jainAddresses = factory.createAddressFactory();
        jainHeaders = factory.createHeaderFactory();
        jainCallThrough = jainAddresses.createAddress(CALL_THROUGH_URI);
        checkOutputs();
    }

    /** The last message measured must still be the intended one. */
    @TearDown
    public void tearDown() {
        if (wire.writerIndex() > 0) {
            OutputCheck.verify("cloudgate", wire.toString(StandardCharsets.UTF_8));
        }
        inviteBuffer.release();
        wire.release();
    }

    /** The gateway's codec: lazy index, splice, one copy into the outbound buffer. */
    @Benchmark
    public int cloudgate() {
        org.cloudgate.sip.message.SipMessage message = framing.frame(inviteBuffer).message();
        try {
            message.setUri(HeaderName.FROM, CALL_THROUGH_URI)
                    .addHeader(HeaderName.DIVERSION, DIVERSION);
            wire.clear();
            message.writeTo(wire);
            return wire.writerIndex();
        } finally {
            message.release();
        }
    }

    /** JAIN-SIP RI: full parse into header objects, set the From URI, add Diversion, encode. */
    @Benchmark
    public byte[] jainSip() throws ParseException {
        SIPMessage message = new StringMsgParser().parseSIPMessage(invite, true, false, null);
        FromHeader from = (FromHeader) message.getHeader(FromHeader.NAME);
        from.getAddress().setURI(jainCallThrough.getURI());
        try {
            message.addFirst(jainHeaders.createHeader("Diversion", DIVERSION));
        } catch (javax.sip.SipException e) {
            throw new IllegalStateException(e);
        }
        return message.encodeAsBytes("UDP");
    }

    /** pkts-sip: frame, copy with a rewritten From ({@code onFromHeader}; {@code withFromHeader} would leave the old From in place), add Diversion ({@code withPushHeader} drops an extension header), build. */
    @Benchmark
    public Buffer pktsSip() throws IOException {
        SipMessage message = SipMessage.frame(invite);
        return message.copy()
                .onFromHeader(from -> from.withUser(CALL_THROUGH_USER).withHost(CALL_THROUGH_HOST))
                .withHeader(SipHeader.create("Diversion", DIVERSION))
                .build()
                .toBuffer();
    }

    /**
     * Each implementation must produce the intended rewrite, and the same message as JAIN-SIP
     * (the reference implementation); refuses to measure otherwise.
     */
    void checkOutputs() throws Exception {
        cloudgate();
        String cloudgate = wire.toString(StandardCharsets.UTF_8);
        String jainSip = new String(jainSip(), StandardCharsets.UTF_8);
        String pktsSip = new String(pktsSip().getArray(), StandardCharsets.UTF_8);
        OutputCheck.verify("cloudgate", cloudgate);
        OutputCheck.verify("jain-sip", jainSip);
        OutputCheck.verify("pkts-sip", pktsSip);
        OutputCheck.verifySameAs("cloudgate", cloudgate, "jain-sip", jainSip);
        OutputCheck.verifySameAs("pkts-sip", pktsSip, "jain-sip", jainSip);
    }

    static byte[] readInvite() throws IOException {
        try (InputStream in = SipRewriteBenchmark.class.getResourceAsStream("invite-sdp.dat")) {
            if (in == null) {
                throw new IOException("benchmark INVITE missing from the classpath");
            }
            return in.readAllBytes();
        }
    }
}
