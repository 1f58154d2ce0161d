package org.cloudgate.core.media;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cloudgate.rtp.sdp.CodecPolicy;
import org.cloudgate.rtp.sdp.SessionDescription;
import org.cloudgate.sip.b2bua.MediaRefusedException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilteredMediaTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MediaMeters meters = new MediaMeters(registry);

    private FilteredMedia allowing(String... codecs) {
        return new FilteredMedia(new SdpBodies(new CodecPolicy("branch", Set.of(codecs)), meters));
    }

    @Test
    void onlyTheAreasCodecsAndDtmfEventsReachTheOtherSideAtTheirOwnAddress() {
        FilteredMedia media = allowing("pcma", "G722");

        String out = Sdp.text(media.towardCaller(Sdp.body(Sdp.pbxOffer("192.0.2.5", 5004, 1, "sendrecv"))));

        SessionDescription sdp = Sdp.parsed(out);
        assertThat(sdp.media().get(0).mediaLine().formats()).containsExactly("8", "9", "101");
        assertThat(sdp.media().get(0).mediaLine().port()).isEqualTo(5004);
        assertThat(out).contains("c=IN IP4 192.0.2.5\r\n").doesNotContain("G729").doesNotContain("PCMU");
    }

    @Test
    void theOriginVersionTowardOneSideGrowsOnlyWhenWhatItGetsChanges() {
        FilteredMedia media = allowing("PCMA");
        media.towardCaller(Sdp.body(Sdp.pbxOffer("192.0.2.5", 5004, 1, "sendrecv"))).release();

        String same = Sdp.text(media.towardCaller(Sdp.body(Sdp.pbxOffer("192.0.2.5", 5004, 1, "sendrecv"))));
        String hold = Sdp.text(media.towardCaller(Sdp.body(Sdp.pbxOffer("192.0.2.5", 5004, 2, "sendonly"))));

        assertThat(Sdp.parsed(same).origin().version()).isEqualTo(1);
        assertThat(Sdp.parsed(hold).origin().version()).isEqualTo(2);
    }

    @Test
    void anOfferWithNoAllowedCodecIsRefusedAndCounted() {
        FilteredMedia media = allowing("opus");

        assertThatThrownBy(() -> media.towardCallee(Sdp.body(Sdp.pbxOffer("192.0.2.5", 5004, 1, "sendrecv"))))
                .isInstanceOf(MediaRefusedException.class)
                .hasMessage("no codec allowed in bandwidth area branch");
        assertThat(registry.get("cloudgate.calls.media.refused").tag("reason", "codec-not-allowed").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotSdpIsRefusedWithAReasonThatFitsAWarningHeader() {
        FilteredMedia media = allowing("PCMA");

        assertThatThrownBy(() -> media.towardCallee(Sdp.body("v=0\nc=IN IP4\n")))
                .isInstanceOf(MediaRefusedException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("malformed SDP: ").doesNotContain("\""));
        assertThat(registry.get("cloudgate.calls.media.refused").tag("reason", "malformed-sdp").counter().count())
                .isEqualTo(1);
    }
}
