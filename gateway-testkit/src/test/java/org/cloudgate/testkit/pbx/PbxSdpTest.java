package org.cloudgate.testkit.pbx;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PbxSdpTest {

    private static String offer(String media, String direction) {
        return "v=0\r\no=peer 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" + media
                + (direction == null ? "" : "a=" + direction + "\r\n");
    }

    @Test
    void answersTheCommonG711CodecsAndTelephoneEventsOnTheEchoPort() {
        PbxSdp.Answer answer = new PbxSdp("127.0.0.1").answer(offer(
                "m=audio 4000 RTP/AVP 18 8 0 96\r\na=rtpmap:96 telephone-event/8000\r\n", null), 30000);

        assertThat(answer.body()).contains("m=audio 30000 RTP/AVP 8 0 96\r\n", "c=IN IP4 127.0.0.1\r\n",
                "a=rtpmap:96 telephone-event/8000\r\n", "a=sendrecv\r\n");
        assertThat(answer.pbxSends()).isTrue();
    }

    @Test
    void aHoldWithSendonlyIsAnsweredRecvonlyAndThePbxStopsSending() {
        PbxSdp.Answer answer = new PbxSdp("127.0.0.1").answer(offer("m=audio 4000 RTP/AVP 0\r\n", "sendonly"), 30000);

        assertThat(answer.direction()).isEqualTo("recvonly");
        assertThat(answer.body()).contains("a=recvonly\r\n");
        assertThat(answer.pbxSends()).isFalse();
    }

    @Test
    void theOldHoldByAddressZeroIsTakenAsSendonly() {
        String held = offer("m=audio 4000 RTP/AVP 0\r\n", null).replace("c=IN IP4 192.0.2.1", "c=IN IP4 0.0.0.0");

        assertThat(new PbxSdp("127.0.0.1").answer(held, 30000).direction()).isEqualTo("recvonly");
    }

    @Test
    void streamsBeyondTheFirstUsableAudioAreRefusedWithPortZero() {
        PbxSdp.Answer answer = new PbxSdp("127.0.0.1").answer(offer(
                "m=video 5000 RTP/AVP 97\r\nm=audio 4000 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 8\r\n", null), 30000);

        assertThat(answer.body()).contains("m=video 0 RTP/AVP 97\r\n", "m=audio 30000 RTP/AVP 0\r\n",
                "m=audio 0 RTP/AVP 8\r\n");
    }

    @Test
    void noCommonCodecOrNoSdpGivesNoAnswer() {
        PbxSdp sdp = new PbxSdp("127.0.0.1");

        assertThat(sdp.answer(offer("m=audio 4000 RTP/AVP 18\r\n", null), 30000)).isNull();
        assertThat(sdp.answer("not sdp", 30000)).isNull();
    }

    @Test
    void theVersionGrowsOnlyWhenTheDescriptionChanges() {
        PbxSdp sdp = new PbxSdp("127.0.0.1");
        String first = sdp.answer(offer("m=audio 4000 RTP/AVP 0\r\n", null), 30000).body();
        String same = sdp.answer(offer("m=audio 4000 RTP/AVP 0\r\n", null), 30000).body();
        String held = sdp.answer(offer("m=audio 4000 RTP/AVP 0\r\n", "sendonly"), 30000).body();

        assertThat(originVersion(first)).isEqualTo("0");
        assertThat(originVersion(same)).isEqualTo("0");
        assertThat(originVersion(held)).isEqualTo("1");
    }

    @Test
    void theDirectionOfAPeersAnswerIsReadFromThePbxsSide() {
        assertThat(PbxSdp.directionOfAnswer(offer("m=audio 4000 RTP/AVP 0\r\n", "sendonly"))).isEqualTo("recvonly");
        assertThat(PbxSdp.directionOfAnswer(offer("m=audio 4000 RTP/AVP 0\r\n", null))).isEqualTo("sendrecv");
    }

    private static String originVersion(String body) {
        String origin = body.substring(body.indexOf("o=") + 2, body.indexOf("\r\n", body.indexOf("o=")));
        return origin.split(" ")[2];
    }
}
