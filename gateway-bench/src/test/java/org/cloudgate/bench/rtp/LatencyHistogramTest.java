package org.cloudgate.bench.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {

    @Test
    void percentilesOverMicroseconds() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            histogram.record(i * 1000L);
        }

        assertThat(histogram.percentileMicros(0.5)).isEqualTo(500);
        assertThat(histogram.percentileMicros(0.99)).isEqualTo(990);
        assertThat(histogram.maxMicros()).isEqualTo(1000);
        assertThat(histogram.count()).isEqualTo(1000);
    }
}
