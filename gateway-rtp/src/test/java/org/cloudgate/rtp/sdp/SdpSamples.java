package org.cloudgate.rtp.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Real-world SDP bodies kept under {@code src/test/resources/sdp}. */
final class SdpSamples {

    private SdpSamples() {
    }

    static String text(String name) {
        try (InputStream in = SdpSamples.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parsed(String name) {
        SdpResult result = SdpParser.parse(text(name));
        assertThat(result).isInstanceOf(SdpResult.Parsed.class);
        return ((SdpResult.Parsed) result).description();
    }
}
