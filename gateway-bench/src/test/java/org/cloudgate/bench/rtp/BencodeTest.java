package org.cloudgate.bench.rtp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BencodeTest {

    @Test
    void dictionariesAreWrittenWithSortedKeys() {
        byte[] encoded = Bencode.encode(Map.of("sdp", "v=0", "command", "offer", "flags", List.of("a"), "n", 7));

        assertThat(new String(encoded, StandardCharsets.UTF_8))
                .isEqualTo("d7:command5:offer5:flagsl1:ae1:ni7e3:sdp3:v=0e");
    }

    @Test
    void decodesWhatItEncodes() {
        Map<String, Object> value = Map.of("result", "ok", "sdp", "v=0\r\nm=audio 1 RTP/AVP 0\r\n",
                "list", List.of("x", 5L));

        assertThat(Bencode.decode(Bencode.encode(value), 0)).isEqualTo(value);
    }

    @Test
    void decodesAfterTheCookie() {
        byte[] reply = "abc d6:result2:oke".getBytes(StandardCharsets.US_ASCII);

        assertThat(Bencode.decode(reply, 4)).isEqualTo(Map.of("result", "ok"));
    }
}
