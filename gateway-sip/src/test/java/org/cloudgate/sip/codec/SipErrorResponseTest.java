package org.cloudgate.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRejection;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

class SipErrorResponseTest {

    @Test
    void copiesTheTransactionHeadersAndAddsAToTag() {
        SipRequest request = (SipRequest) TestMessages.decode(TestMessages.rfc4475("TC_TRANSPORTS_V.dat"));

        SipResponse response = SipErrorResponse.forRejection(request, SipRejection.MALFORMED_VIA);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reasonPhrase()).isEqualTo("Malformed Via");
        assertThat(response.headers(HeaderName.VIA)).isEqualTo(request.headers(HeaderName.VIA)).hasSize(5);
        assertThat(response.from()).isEqualTo(request.from());
        assertThat(response.to().uri()).isEqualTo(request.to().uri());
        assertThat(response.to().tag()).matches("[0-9a-f]+");
        assertThat(response.callId()).isEqualTo(request.callId());
        assertThat(response.cseq()).isEqualTo(request.cseq());
        assertThat(response.contentLength()).isZero();
        response.release();
        request.release();
    }

    @Test
    void keepsAnExistingToTag() {
        SipRequest request = (SipRequest) TestMessages.decode(TestMessages.rfc4475("TC_LWSRURI_I.dat"));

        SipResponse rejected = SipErrorResponse.forRejection(request, request.rejection());
        SipResponse trying = SipErrorResponse.of(request, 100, "Trying");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.to().tag()).isEqualTo("3xfe-9921883-z9f");
        assertThat(rejected.headers(HeaderName.TO)).hasSize(1);
        assertThat(trying.to().tag()).isEqualTo("3xfe-9921883-z9f");
        rejected.release();
        trying.release();
        request.release();
    }

    @Test
    void theEncodedResponseIsTheOctetsOfTheParsedOne() {
        SipRequest request = (SipRequest) TestMessages.decode(TestMessages.rfc4475("TC_LWSRURI_I.dat"));
        SipResponse parsed = SipErrorResponse.of(request, 100, "Trying");
        ByteBuf encoded = SipErrorResponse.encode(request, 100, "Trying", UnpooledByteBufAllocator.DEFAULT);
        ByteBuf written = parsed.encode(UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(encoded.toString(StandardCharsets.UTF_8)).isEqualTo(written.toString(StandardCharsets.UTF_8))
                    .startsWith("SIP/2.0 100 Trying\r\n").endsWith("Content-Length: 0\r\n\r\n");
        } finally {
            encoded.release();
            written.release();
            parsed.release();
            request.release();
        }
    }
}
