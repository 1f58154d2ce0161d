package org.cloudgate.sip.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

    @Test
    void heapBufferHoldsExactlyTheOctets() {
        String text = "From: \"Zoë Müller\" <sip:zoe@example.com>;tag=1\r\n";
        ByteBuf buffer = Utf8Text.heapBuffer(text);
        try {
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            assertThat(buffer.capacity()).isEqualTo(expected.length);
            assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        } finally {
            buffer.release();
        }
    }

    @Test
    void writeIntoABufferSizedForTheTextDoesNotGrowIt() {
        String first = "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n";
        String second = "Contact: <sip:büro@192.0.2.1>\r\n";
        int octets = first.getBytes(StandardCharsets.UTF_8).length + second.getBytes(StandardCharsets.UTF_8).length;
        ByteBuf out = Unpooled.buffer(octets);
        try {
            Utf8Text.write(out, first);
            Utf8Text.write(out, second);
            assertThat(out.capacity()).isEqualTo(octets);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(first + second);
        } finally {
            out.release();
        }
    }

    @Test
    void ioBufferComesFromTheAllocatorSizedForTheText() {
        String text = "SIP/2.0 100 Trying\r\nTo: \"Jürg\" <sip:201@example.com>\r\n\r\n";
        ByteBuf buffer = Utf8Text.ioBuffer(text, UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(buffer.readableBytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
            assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        } finally {
            buffer.release();
        }
    }

    @Test
    void writeGrowsABufferThatIsTooSmall() {
        ByteBuf out = Unpooled.buffer(4);
        try {
            Utf8Text.write(out, "CSeq: 1 INVITE");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("CSeq: 1 INVITE");
        } finally {
            out.release();
        }
    }
}
