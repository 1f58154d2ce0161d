package org.cloudgate.rtp.moh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class G711Test {

    @Test
    void silenceAndExtremesMatchTheRecommendation() {
        assertThat(G711.PCMU.encode(0) & 0xff).isEqualTo(0xff);
        assertThat(G711.PCMU.encode(32767) & 0xff).isEqualTo(0x80);
        assertThat(G711.PCMU.encode(-32768) & 0xff).isEqualTo(0x00);
        assertThat(G711.PCMA.encode(0) & 0xff).isEqualTo(0xd5);
        assertThat(G711.PCMA.encode(-1) & 0xff).isEqualTo(0x55);
        assertThat(G711.PCMA.encode(32767) & 0xff).isEqualTo(0xaa);
    }

    @Test
    void decodeOfEncodeStaysWithinTheSegmentStep() {
        for (G711 law : G711.values()) {
            for (int sample = -32768; sample <= 32767; sample += 7) {
                int back = law.decode(law.encode(sample));
                int tolerance = Math.max(16, Math.abs(sample) / 16) + 8;
                assertThat(Math.abs(back - sample)).as("%s %d -> %d", law, sample, back)
                        .isLessThanOrEqualTo(tolerance);
            }
        }
    }

    @Test
    void everyCodeRoundTrips() {
        for (G711 law : G711.values()) {
            for (int code = 0; code < 256; code++) {
                byte b = (byte) code;
                if (law == G711.PCMU && code == 0x7f) {
                    continue; // mu-law has two codes for zero: 0x7f (-0) and 0xff (+0).
                }
                assertThat(law.encode(law.decode(b))).as("%s code %02x", law, code).isEqualTo(b);
            }
        }
    }
}
