package org.cloudgate.core.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.cloudgate.rtp.sdp.SdpParser;
import org.cloudgate.rtp.sdp.SdpResult;
import org.cloudgate.rtp.sdp.SessionDescription;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** SDP bodies for the media tests: text in, text or a parsed description out. */
final class Sdp {

    private Sdp() {
    }

    /** A body with CRLF line ends, as it arrives in a SIP message. */
    static ByteBuf body(String text) {
        return Unpooled.copiedBuffer(text.replace("\n", "\r\n"), StandardCharsets.UTF_8);
    }

    static String text(ByteBuf body) {
        try {
            return body.toString(StandardCharsets.UTF_8);
        } finally {
            body.release();
        }
    }

    static SessionDescription parsed(String text) {
        SdpResult result = SdpParser.parse(text);
        assertThat(result).isInstanceOf(SdpResult.Parsed.class);
        return ((SdpResult.Parsed) result).description();
    }

    /** What a MiVoice Office 400 offers: PCMA first, G.729, G.722 and DTMF events. */
    static String pbxOffer(String address, int port, long version, String direction) {
        return """
                v=0
                o=MxSIP 0 %d IN IP4 %s
                s=SIP Call
                c=IN IP4 %s
                t=0 0
                m=audio %d RTP/AVP 8 0 18 9 101
                a=rtpmap:8 PCMA/8000
                a=rtpmap:0 PCMU/8000
                a=rtpmap:18 G729/8000
                a=fmtp:18 annexb=no
                a=rtpmap:9 G722/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=ptime:20
                a=%s
                """.formatted(version, address, address, port, direction);
    }

    /** A softphone's offer with ICE candidates, rtcp-mux and a=rtcp: PCMU preferred. */
    static String softphoneOffer(String address, int port, long version) {
        return """
                v=0
                o=- 8374651 %d IN IP4 %s
                s=Softphone
                c=IN IP4 %s
                t=0 0
                a=ice-options:trickle
                m=audio %d RTP/AVP 0 8 101
                a=rtcp:%d IN IP4 %s
                a=candidate:1 1 UDP 2130706431 %s %d typ host
                a=candidate:2 1 UDP 1694498815 203.0.113.7 31112 typ srflx raddr %s rport %d
                a=ice-ufrag:Yk3f
                a=ice-pwd:asd88fgpdd777uzjYhagZg
                a=rtcp-mux
                a=rtpmap:0 PCMU/8000
                a=rtpmap:8 PCMA/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-16
                a=sendrecv
                """.formatted(version, address, address, port, port + 1, address, address, port, address, port);
    }
}
