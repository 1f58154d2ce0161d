package org.cloudgate.rtp.moh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MohSourceTest {

    @Test
    void builtInMusicIsWhatTheGeneratorMakes() {
        MohSource builtIn = MohSource.builtIn();

        assertThat(builtIn.law()).isEqualTo(G711.PCMU);
        assertThat(builtIn.samples()).isEqualTo(MohToneGenerator.encode(G711.PCMU));
        assertThat(builtIn.length()).isEqualTo(12 * 8000);
    }

    @Test
    void generatedMusicIsAudibleAndNeverClips() {
        double[] signal = MohToneGenerator.compose();
        double peak = 0;
        double energy = 0;
        for (double s : signal) {
            peak = Math.max(peak, Math.abs(s));
            energy += s * s;
        }

        assertThat(peak).isLessThan(0.9);
        assertThat(Math.sqrt(energy / signal.length)).isGreaterThan(0.03);
    }

    @Test
    void convertsToALawAndWrapsAtTheEnd() {
        byte[] ramp = new byte[200];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = G711.PCMU.encode(i * 150 - 15000);
        }
        MohSource pcmu = MohSource.of(G711.PCMU, ramp);
        MohSource pcma = pcmu.in(G711.PCMA);
        byte[] packet = new byte[MohSource.SAMPLES_PER_PACKET];

        pcma.copyPacket(120, packet);

        assertThat(pcma.law()).isEqualTo(G711.PCMA);
        assertThat(pcmu.in(G711.PCMU)).isSameAs(pcmu);
        assertThat(packet[80]).isEqualTo(pcma.samples()[0]);
        for (int i = 0; i < ramp.length; i++) {
            int linear = G711.PCMU.decode(ramp[i]);
            assertThat(Math.abs(G711.PCMA.decode(pcma.samples()[i]) - linear))
                    .isLessThanOrEqualTo(Math.abs(linear) / 16 + 16);
        }
    }
}
