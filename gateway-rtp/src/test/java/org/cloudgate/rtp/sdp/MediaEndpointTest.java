package org.cloudgate.rtp.sdp;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class MediaEndpointTest {

    @Test
    void rtcpFromAttributeOrRtpPortPlusOne() {
        MediaEndpoint ice = MediaEndpoint.of(SdpSamples.parsed("softphone-ice-offer.sdp"), 0).orElseThrow();
        MediaEndpoint plain = MediaEndpoint.of(SdpSamples.parsed("mivoice-offer.sdp"), 0).orElseThrow();

        assertThat(ice.rtp()).isEqualTo(new InetSocketAddress("10.0.0.55", 54720));
        assertThat(ice.rtcp()).isEqualTo(new InetSocketAddress("10.0.0.55", 54721));
        assertThat(plain.rtcp()).isEqualTo(new InetSocketAddress("192.168.10.5", 5005));
    }

    @Test
    void clockRatesFromRtpmap() {
        MediaEndpoint ice = MediaEndpoint.of(SdpSamples.parsed("softphone-ice-offer.sdp"), 0).orElseThrow();

        assertThat(ice.rates().rate(111)).isEqualTo(48000);
        assertThat(ice.rates().rate(9)).isEqualTo(8000);
        assertThat(ice.rates().rate(0)).isEqualTo(8000);
        assertThat(ice.rates().rate(101)).isEqualTo(8000);
    }

    @Test
    void noEndpointForHostNamesDisabledStreamsOrMissingIndex() {
        SessionDescription named = ((SdpResult.Parsed) SdpParser.parse(
                "v=0\no=- 1 1 IN IP4 x\ns=-\nc=IN IP4 media.example.com\nt=0 0\nm=audio 4000 RTP/AVP 0\nm=audio 0 RTP/AVP 0\n"))
                .description();

        assertThat(MediaEndpoint.of(named, 0)).isEmpty();
        assertThat(MediaEndpoint.of(named, 1)).isEmpty();
        assertThat(MediaEndpoint.of(named, 2)).isEmpty();
        assertThat(MediaEndpoint.of(SdpSamples.parsed("audio-video-ipv6.sdp"), 1).orElseThrow().rtp())
                .isEqualTo(new InetSocketAddress("2001:db8::11", 51372));
    }
}
