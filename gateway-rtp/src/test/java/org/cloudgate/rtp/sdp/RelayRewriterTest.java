package org.cloudgate.rtp.sdp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class RelayRewriterTest {

    private static final MediaAddress RELAY = new MediaAddress("IP4", "203.0.113.50");

    @Test
    void softphoneOfferLosesIceAndGetsRelayAddresses() throws Exception {
        SessionDescription offer = SdpSamples.parsed("softphone-ice-offer.sdp");

        String out = RelayRewriter.rewrite(offer, RELAY, 30000).encode();

        assertThat(out).contains("o=- 8374651 8374651 IN IP4 203.0.113.50\r\n")
                .contains("c=IN IP4 203.0.113.50\r\n")
                .contains("m=audio 30000 RTP/AVP 111 9 0 8 101\r\n")
                .contains("a=rtcp:30001 IN IP4 203.0.113.50\r\n")
                .contains("a=rtpmap:111 opus/48000/2\r\n")
                .contains("a=sendrecv\r\n")
                .doesNotContain("candidate", "ice-", "rtcp-mux", "10.0.0.55");
        MediaEndpoint endpoint = MediaEndpoint.of(((SdpResult.Parsed) SdpParser.parse(out)).description(), 0).orElseThrow();
        assertThat(endpoint.rtp()).isEqualTo(new InetSocketAddress(InetAddress.getByName("203.0.113.50"), 30000));
        assertThat(endpoint.rtcp().getPort()).isEqualTo(30001);
    }

    @Test
    void holdDirectionsAndSrtpKeysAreKept() {
        String hold = RelayRewriter.rewrite(SdpSamples.parsed("mivoice-hold-reinvite.sdp"), RELAY, 30002).encode();
        String srtp = RelayRewriter.rewrite(SdpSamples.parsed("srtp-offer.sdp"), RELAY, 30004).encode();

        assertThat(hold).contains("a=sendonly\r\n").contains("m=audio 30002 RTP/AVP 8 101\r\n");
        assertThat(srtp).contains("m=audio 30004 RTP/SAVP 0 101\r\n")
                .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n");
    }

    @Test
    void unspecifiedHoldAddressStays() {
        String out = RelayRewriter.rewrite(SdpSamples.parsed("rfc2543-hold.sdp"), RELAY, 30006).encode();

        assertThat(out).contains("c=IN IP4 0.0.0.0\r\n").contains("m=audio 30006 RTP/AVP 0\r\n");
        assertThat(MediaEndpoint.of(SdpSamples.parsed("rfc2543-hold.sdp"), 0)).isEmpty();
    }

    @Test
    void severalMediaLinesIpv6AndStreamsWithoutRelayPortAreDisabled() {
        MediaAddress relay6 = new MediaAddress("IP6", "2001:db8::99");

        String out = RelayRewriter.rewrite(SdpSamples.parsed("audio-video-ipv6.sdp"), relay6, 30008).encode();

        assertThat(out).contains("o=alice 2890844526 2890844527 IN IP6 2001:db8::99\r\n")
                .contains("c=IN IP6 2001:db8::99\r\n")
                .contains("m=audio 30008 RTP/AVP 0 8 97\r\n")
                .contains("m=video 0 RTP/AVP 31 32\r\n")
                .contains("a=inactive\r\n")
                .contains("a=recvonly\r\n");
    }

    @Test
    void bothMediaLinesRelayedWhenPortsGiven() {
        MediaAddress relay6 = new MediaAddress("IP6", "2001:db8::99");

        String out = RelayRewriter.rewrite(SdpSamples.parsed("audio-video-ipv6.sdp"), relay6, 30008, 30010).encode();

        assertThat(out).contains("m=video 30010 RTP/AVP 31 32\r\n").doesNotContain("2001:db8::11");
    }

    @Test
    void relayAddressFromInetAddress() throws Exception {
        assertThat(MediaAddress.of(InetAddress.getByName("::1"))).isEqualTo(new MediaAddress("IP6", "0:0:0:0:0:0:0:1"));
        assertThat(MediaAddress.of(InetAddress.getByName("127.0.0.1"))).isEqualTo(new MediaAddress("IP4", "127.0.0.1"));
    }
}
