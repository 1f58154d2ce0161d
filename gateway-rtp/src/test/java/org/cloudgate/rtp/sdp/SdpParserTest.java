package org.cloudgate.rtp.sdp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SdpParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"baresip-offer.sdp", "softphone-ice-offer.sdp", "mivoice-offer.sdp",
        "mivoice-hold-reinvite.sdp", "audio-video-ipv6.sdp", "rfc2543-hold.sdp", "srtp-offer.sdp",
        "sipp-uac-offer.sdp"})
    void samplesRoundTripLineForLine(String name) {
        String text = SdpSamples.text(name);
        SessionDescription sdp = SdpSamples.parsed(name);

        assertThat(sdp.encode()).isEqualTo(text.replace("\n", "\r\n"));
        SdpResult again = SdpParser.parse(sdp.encode());
        assertThat(((SdpResult.Parsed) again).description().encode()).isEqualTo(sdp.encode());
    }

    @Test
    void readsOriginMediaAndConnections() {
        SessionDescription sdp = SdpSamples.parsed("audio-video-ipv6.sdp");

        assertThat(sdp.origin()).isEqualTo(new Origin("alice", "2890844526", 2890844527L, "IN", "IP6", "2001:db8::10"));
        assertThat(sdp.media()).hasSize(2);
        assertThat(sdp.media().get(0).mediaLine())
                .isEqualTo(new MediaLine("audio", 49170, "", "RTP/AVP", java.util.List.of("0", "8", "97")));
        assertThat(sdp.connection(0)).contains(new MediaAddress("IP6", "2001:db8::10"));
        assertThat(sdp.connection(1)).contains(new MediaAddress("IP6", "2001:db8::11"));
        assertThat(sdp.direction(0)).isEqualTo("inactive");
        assertThat(sdp.direction(1)).isEqualTo("recvonly");
    }

    @Test
    void acceptsCrLfAndPortCount() {
        SdpResult result = SdpParser.parse("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\n"
                + "t=0 0\r\nm=audio 5004/2 RTP/AVP 0\r\n");

        assertThat(result).isInstanceOf(SdpResult.Parsed.class);
        MediaLine line = ((SdpResult.Parsed) result).description().media().get(0).mediaLine();
        assertThat(line.port()).isEqualTo(5004);
        assertThat(line.portCount()).isEqualTo("2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "hello",
        "o=- 1 1 IN IP4 10.0.0.1\n",
        "v=1\no=- 1 1 IN IP4 10.0.0.1\n",
        "v=0\ns=-\n",
        "v=0\no=- 1 IN IP4 10.0.0.1\n",
        "v=0\no=- 1 x IN IP4 10.0.0.1\n",
        "v=0\no=- 1 99999999999999999999 IN IP4 10.0.0.1\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\nc=IN IP4\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\nc=XX IP4 10.0.0.1\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\nm=audio 70000 RTP/AVP 0\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\nm=audio -1 RTP/AVP 0\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\nm=audio 5004 RTP/AVP\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\nm=audio 5004/0 RTP/AVP 0\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\nX=1\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\nnot a line\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\na=x\u0000y\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\nm=audio 5004 RTP/AVP 0\no=- 1 1 IN IP4 10.0.0.1\n",
        "v=0\no=- 1 1 IN IP4 10.0.0.1\no=- 1 1 IN IP4 10.0.0.1\n",
    })
    void malformedBodiesGiveATypedResult(String body) {
        assertThat(SdpParser.parse(body)).isInstanceOf(SdpResult.Malformed.class);
    }

    @Test
    void nullAndHugeBodiesAreMalformed() {
        assertThat(SdpParser.parse(null)).isInstanceOf(SdpResult.Malformed.class);
        String huge = "v=0\no=- 1 1 IN IP4 10.0.0.1\n" + "a=x\n".repeat(SdpParser.MAX_LENGTH / 4);
        assertThat(SdpParser.parse(huge)).isInstanceOf(SdpResult.Malformed.class);
    }

    @Test
    void neverThrowsOnTruncatedSamples() {
        String text = SdpSamples.text("softphone-ice-offer.sdp");
        for (int cut = 0; cut < text.length(); cut++) {
            String body = text.substring(0, cut);
            assertThat(SdpParser.parse(body)).isNotNull();
        }
    }
}
