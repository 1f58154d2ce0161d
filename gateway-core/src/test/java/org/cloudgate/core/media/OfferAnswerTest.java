package org.cloudgate.core.media;

import org.cloudgate.rtp.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfferAnswerTest {

    private final OfferAnswer offers = new OfferAnswer();

    @Test
    void anInviteOfferItsAnswerInA183RepeatedInThe200ThenAReInviteFromTheCallee() {
        assertThat(offers.classify(Side.CLOUD, Sdp.parsed(Sdp.softphoneOffer("10.0.0.55", 4000, 1))))
                .isEqualTo(OfferAnswer.Kind.OFFER);
        assertThat(offers.classify(Side.PBX, Sdp.parsed(Sdp.pbxOffer("192.0.2.5", 5004, 1, "sendrecv"))))
                .isEqualTo(OfferAnswer.Kind.ANSWER);
        assertThat(offers.classify(Side.PBX, Sdp.parsed(Sdp.pbxOffer("192.0.2.5", 5004, 1, "sendrecv"))))
                .isEqualTo(OfferAnswer.Kind.REPEAT);
        assertThat(offers.classify(Side.PBX, Sdp.parsed(Sdp.pbxOffer("192.0.2.5", 5004, 2, "sendonly"))))
                .isEqualTo(OfferAnswer.Kind.OFFER);
        assertThat(offers.classify(Side.CLOUD, Sdp.parsed(Sdp.softphoneOffer("10.0.0.55", 4000, 2))))
                .isEqualTo(OfferAnswer.Kind.ANSWER);
    }

    @Test
    void aLateOfferComesFromTheCalleeAndIsAnsweredInTheAck() {
        assertThat(offers.classify(Side.CLOUD, Sdp.parsed(Sdp.softphoneOffer("10.0.0.55", 4000, 7))))
                .isEqualTo(OfferAnswer.Kind.OFFER);
        assertThat(offers.classify(Side.PBX, Sdp.parsed(Sdp.pbxOffer("192.0.2.5", 5004, 3, "sendrecv"))))
                .isEqualTo(OfferAnswer.Kind.ANSWER);
        assertThat(offers.classify(Side.CLOUD, Sdp.parsed(Sdp.softphoneOffer("10.0.0.55", 4000, 8))))
                .as("a second description from the side that answered last is a new offer")
                .isEqualTo(OfferAnswer.Kind.OFFER);
    }
}
