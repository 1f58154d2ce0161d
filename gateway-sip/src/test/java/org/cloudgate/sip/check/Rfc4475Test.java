package org.cloudgate.sip.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.cloudgate.sip.codec.SipCodecMetrics;
import org.cloudgate.sip.codec.SipDatagramDecoder;
import org.cloudgate.sip.codec.SipDatagramEncoder;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.codec.SipRejectionResponder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every RFC 4475 torture message gets the verdict its oracle row gives. */
class Rfc4475Test {
    private final SipCheck check = new SipCheck();

    static Stream<Rfc4475Vectors.Vector> vectors() {
        return Rfc4475Vectors.all().stream();
    }

    @Test
    void oracleListsFiftyMessages() {
        List<Rfc4475Vectors.Vector> all = Rfc4475Vectors.all();
        assertThat(all).hasSize(50);
        assertThat(all).filteredOn(Rfc4475Vectors.Vector::accept).hasSize(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verdictMatchesOracle(Rfc4475Vectors.Vector vector) {
        String verdict = check.verdict(vector.octets());

        assertThat(verdict.startsWith("accept"))
                .as("%s (%s %s): %s", vector.file(), vector.section(), vector.title(), verdict)
                .isEqualTo(vector.accept());
    }

    /** The datagram decoder in a pipeline gives the same verdict: only accepted messages pass. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void datagramPipelinePassesOnlyAcceptedMessages(Rfc4475Vectors.Vector vector) {
        InetSocketAddress peer = new InetSocketAddress("192.0.2.10", 5060);
        EmbeddedChannel channel = new EmbeddedChannel(new SipDatagramEncoder(),
                new SipDatagramDecoder(SipDecoderConfig.DEFAULTS, SipCodecMetrics.NONE), new SipRejectionResponder());

        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(vector.octets()), peer, peer));

        Object passed = channel.readInbound();
        assertThat(passed != null).as(vector.file()).isEqualTo(vector.accept());
        ReferenceCountUtil.release(passed);
        channel.finishAndReleaseAll();
    }

    @Test
    void unknownVersionIsAnswered505() {
        assertThat(check.verdict(Rfc4475Vectors.resource("/rfc4475/TC_BADVERS_V.dat")))
                .isEqualTo("reject\t505 version_not_supported");
    }

    @Test
    void unquotedCommaInDisplayNameIsRefusedEvenWhenTheHeadIsTerminated() {
        byte[] octets = Rfc4475Vectors.resource("/rfc4475/TC_BADDN_I.dat");
        byte[] terminated = new byte[octets.length + 2];
        System.arraycopy(octets, 0, terminated, 0, octets.length);
        terminated[octets.length] = '\r';
        terminated[octets.length + 1] = '\n';

        assertThat(check.verdict(terminated)).isEqualTo("reject\t400 malformed_address");
    }
}
