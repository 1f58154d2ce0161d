package org.cloudgate.core.media;

import org.cloudgate.rtp.moh.G711;
import org.cloudgate.rtp.moh.MohSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MusicOnHoldTest {

    @Test
    void sendonlyInactiveAndTheRfc2543AddressHoldSendrecvAndRecvonlyDoNot() {
        assertThat(MusicOnHold.holds(Sdp.parsed(Sdp.pbxOffer("192.0.2.5", 5004, 2, "sendonly")))).isTrue();
        assertThat(MusicOnHold.holds(Sdp.parsed(Sdp.pbxOffer("192.0.2.5", 5004, 2, "inactive")))).isTrue();
        assertThat(MusicOnHold.holds(Sdp.parsed(Sdp.pbxOffer("0.0.0.0", 5004, 2, "sendrecv")))).isTrue();
        assertThat(MusicOnHold.holds(Sdp.parsed(Sdp.pbxOffer("192.0.2.5", 5004, 2, "sendrecv")))).isFalse();
        assertThat(MusicOnHold.holds(Sdp.parsed(Sdp.pbxOffer("192.0.2.5", 5004, 2, "recvonly")))).isFalse();
    }

    @Test
    void theMusicIsInTheFirstG711LawTheHeldPartyOffered() {
        MusicOnHold music = new MusicOnHold(MohSource.builtIn());

        assertThat(music.forParty(Sdp.parsed(Sdp.pbxOffer("192.0.2.5", 5004, 1, "sendrecv"))))
                .hasValueSatisfying(source -> assertThat(source.law()).isEqualTo(G711.PCMA));
        assertThat(music.forParty(Sdp.parsed(Sdp.softphoneOffer("10.0.0.55", 4000, 1))))
                .hasValueSatisfying(source -> assertThat(source.law()).isEqualTo(G711.PCMU));
        assertThat(music.forParty(Sdp.parsed("""
                v=0
                o=- 1 1 IN IP4 10.0.0.55
                s=-
                c=IN IP4 10.0.0.55
                t=0 0
                m=audio 4000 RTP/AVP 9 101
                a=rtpmap:9 G722/8000
                a=rtpmap:101 telephone-event/8000
                """))).isEmpty();
    }
}
