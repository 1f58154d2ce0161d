package org.cloudgate.rtp.sdp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CodecPolicyTest {

    @Test
    void keepsAllowedCodecsInOfferOrderWithTelephoneEvent() {
        CodecPolicy policy = new CodecPolicy("branch", Set.of("pcma", "G722"));

        CodecFilterResult result = policy.apply(SdpSamples.parsed("softphone-ice-offer.sdp"));

        SessionDescription sdp = ((CodecFilterResult.Filtered) result).description();
        assertThat(sdp.media().get(0).mediaLine().formats()).containsExactly("9", "8", "101");
        assertThat(sdp.media().get(0).attributes("rtpmap"))
                .containsExactly("9 G722/8000", "8 PCMA/8000", "101 telephone-event/8000");
        assertThat(sdp.media().get(0).attributes("fmtp")).containsExactly("101 0-16");
        assertThat(sdp.media().get(0).attributes("rtcp-fb")).isEmpty();
        assertThat(sdp.encode()).contains("a=ptime:20\r\n");
    }

    @Test
    void staticPayloadTypesWithoutRtpmapAreKnownByNumber() {
        SessionDescription sdp = ((SdpResult.Parsed) SdpParser.parse(
                "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 18 0 8\n"))
                .description();

        CodecFilterResult result = new CodecPolicy("a", Set.of("PCMU")).apply(sdp);

        assertThat(((CodecFilterResult.Filtered) result).description().media().get(0).mediaLine().formats())
                .containsExactly("0");
    }

    @Test
    void nothingLeftWhenNoActiveStreamKeepsACodec() {
        CodecFilterResult result = new CodecPolicy("lowband", Set.of("G729")).apply(SdpSamples.parsed("baresip-offer.sdp"));

        assertThat(result).isEqualTo(new CodecFilterResult.NothingLeft("lowband"));
    }

    @Test
    void telephoneEventAloneDoesNotCount() {
        CodecFilterResult result = new CodecPolicy("x", Set.of("opus")).apply(SdpSamples.parsed("mivoice-offer.sdp"));

        assertThat(result).isInstanceOf(CodecFilterResult.NothingLeft.class);
    }

    @Test
    void streamWithoutCodecIsDisabledWhileAnotherSurvives() {
        CodecFilterResult result = new CodecPolicy("audio-only", Set.of("PCMU")).apply(SdpSamples.parsed("audio-video-ipv6.sdp"));

        SessionDescription sdp = ((CodecFilterResult.Filtered) result).description();
        assertThat(sdp.media().get(0).mediaLine().formats()).isEqualTo(List.of("0"));
        assertThat(sdp.media().get(1).mediaLine().port()).isZero();
        assertThat(sdp.media().get(1).mediaLine().formats()).isNotEmpty();
    }

    @Test
    void emptyPolicyAllowsEverything() {
        SessionDescription sdp = SdpSamples.parsed("mivoice-offer.sdp");

        assertThat(new CodecPolicy("open", Set.of()).apply(sdp)).isEqualTo(new CodecFilterResult.Filtered(sdp));
    }
}
