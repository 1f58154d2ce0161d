package org.cloudgate.rtp.sdp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginVersionsTest {

    private static final MediaAddress RELAY = new MediaAddress("IP4", "203.0.113.50");

    @Test
    void versionGrowsOnlyWhenTheBodyChanges() {
        OriginVersions versions = new OriginVersions();
        SessionDescription offer = RelayRewriter.rewrite(SdpSamples.parsed("mivoice-offer.sdp"), RELAY, 30000);
        SessionDescription hold = RelayRewriter.rewrite(SdpSamples.parsed("mivoice-hold-reinvite.sdp"), RELAY, 30000);

        assertThat(versions.stamp(offer).origin().version()).isEqualTo(1);
        assertThat(versions.stamp(offer).origin().version()).isEqualTo(1);
        assertThat(versions.stamp(hold).origin().version()).isEqualTo(2);
        assertThat(versions.stamp(offer).origin().version()).isEqualTo(3);
    }

    @Test
    void originOfTheDialogStaysWhenTheFarEndChanges() {
        OriginVersions versions = new OriginVersions();
        SessionDescription first = RelayRewriter.rewrite(SdpSamples.parsed("mivoice-offer.sdp"), RELAY, 30000);
        SessionDescription other = RelayRewriter.rewrite(SdpSamples.parsed("baresip-offer.sdp"), RELAY, 30000);

        versions.stamp(first);
        Origin origin = versions.stamp(other).origin();

        assertThat(origin.username()).isEqualTo("MxSIP");
        assertThat(origin.sessionId()).isEqualTo("0");
        assertThat(origin.version()).isEqualTo(2);
    }
}
