package org.cloudgate.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.codec.TestMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RewriteTest {
    private static final String CALL_THROUGH = "sip:+41315550100@gateway.example.com";
    private SipMessage message = TestMessages.decode(TestMessages.invite());

    @AfterEach
    void release() {
        message.release();
    }

    @Test
    void untouchedMessageIsWrittenByteForByte() {
        assertThat(TestMessages.encodeToString(message))
                .isEqualTo(new String(TestMessages.invite(), StandardCharsets.UTF_8));
    }

    @Test
    void newFromUriKeepsDisplayNameAndTag() {
        message.setUri(HeaderName.FROM, CALL_THROUGH);

        String written = TestMessages.encodeToString(message);
        assertThat(written).contains("\r\nFrom: \"Alice Example\" <" + CALL_THROUGH + ">;tag=8c1e5a7f\r\n");
        assertThat(message.from().uri()).isEqualTo(CALL_THROUGH);
        assertThat(message.from().tag()).isEqualTo("8c1e5a7f");
    }

    @Test
    void diversionGoesAboveExistingOnesOrAtTheEndOfTheHead() {
        message.addHeader(HeaderName.DIVERSION, "<sip:4711@pbx.example.com>;reason=unconditional");
        message.addHeader(HeaderName.DIVERSION, "<sip:4712@pbx.example.com>;reason=no-answer");

        assertThat(message.diversions()).extracting(NameAddress::uri)
                .containsExactly("sip:4712@pbx.example.com", "sip:4711@pbx.example.com");
        assertThat(TestMessages.encodeToString(message)).contains(
                "Content-Length: 284\r\nDiversion: <sip:4712@pbx.example.com>;reason=no-answer\r\n"
                        + "Diversion: <sip:4711@pbx.example.com>;reason=unconditional\r\n\r\nv=0");
    }

    @Test
    void setRemoveAndDisplayName() {
        message.setHeader(HeaderName.MAX_FORWARDS, "69")
                .removeHeader("user-agent")
                .removeHeader(HeaderName.P_ASSERTED_IDENTITY)
                .setDisplayName(HeaderName.FROM, "Bell, Alexander")
                .setHeader("X-Call-Through", "1");

        assertThat(message.maxForwards()).isEqualTo(69);
        assertThat(message.header("User-Agent")).isNull();
        assertThat(message.assertedIdentities()).isEmpty();
        assertThat(message.from().displayName()).isEqualTo("\"Bell, Alexander\"");
        assertThat(message.from().tag()).isEqualTo("8c1e5a7f");
        assertThat(message.header("x-call-through")).isEqualTo("1");
    }

    @Test
    void addrSpecGainsBracketsWhenItsUriChanges() {
        message.release();
        message = TestMessages.decode(TestMessages.rfc4475("TC_CPARAM01_V.dat"));

        message.setUri(HeaderName.CONTACT, "sip:gw@192.0.2.1;transport=tcp");
        message.setDisplayName(HeaderName.TO, "Watson");

        assertThat(message.header(HeaderName.CONTACT)).isEqualTo("<sip:gw@192.0.2.1;transport=tcp>;unknownparam");
        assertThat(message.header(HeaderName.TO)).isEqualTo("Watson <sip:watson@example.com>");
    }

    @Test
    void requestUriAndBodyRewritesKeepContentLengthRight() {
        SipRequest request = (SipRequest) message;
        request.setRequestUri("sip:0797654321@pbx.example.com");
        message.setContent(Unpooled.copiedBuffer("v=0\r\n", StandardCharsets.US_ASCII));

        String written = TestMessages.encodeToString(message);
        assertThat(written).startsWith("INVITE sip:0797654321@pbx.example.com SIP/2.0\r\n");
        assertThat(written).contains("Content-Length: 5\r\n").endsWith("\r\n\r\nv=0\r\n");
        assertThat(message.contentLength()).isEqualTo(5);
    }

    @Test
    void missingContentLengthIsAddedOnWrite() {
        message.release();
        message = TestMessages.decode(TestMessages.rfc4475("TC_INV2543_I.dat"));

        String written = TestMessages.encodeToString(message);
        assertThat(written).contains("Content-Length: " + message.content().readableBytes() + "\r\n\r\n");
    }

    @Test
    void compositeAndCopyAreTheSameOctets() {
        message.setUri(HeaderName.FROM, CALL_THROUGH).addHeader(HeaderName.DIVERSION, "<sip:4711@pbx.example.com>");

        ByteBuf composite = message.encode(ByteBufAllocator.DEFAULT);
        try {
            assertThat(composite.readableBytes()).isEqualTo(message.encodedLength());
            assertThat(composite.toString(StandardCharsets.UTF_8)).isEqualTo(TestMessages.encodeToString(message));
        } finally {
            composite.release();
        }
    }

    @Test
    void contentLengthCannotBeSetByHand() {
        assertThatThrownBy(() -> message.setHeader(HeaderName.CONTENT_LENGTH, "0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
