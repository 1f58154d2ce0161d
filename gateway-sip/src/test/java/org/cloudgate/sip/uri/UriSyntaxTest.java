package org.cloudgate.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.cloudgate.sip.wire.Octets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UriSyntaxTest {

    private static boolean valid(String uri) {
        byte[] octets = uri.getBytes(StandardCharsets.UTF_8);
        return UriSyntax.parse(Octets.of(octets), 0, octets.length, new UriParts());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sip:alice@example.com",
        "sips:alice:secret@example.com:5061;transport=tcp?subject=hi&priority=urgent",
        "sip:[2001:db8::1]:5060",
        "sip:bob@[::ffff:192.0.2.1]",
        "sip:[::1]",
        "sip:%61lice@example.com;n%61me=v%61lue",
        "tel:+41-31-555-01-00;phone-context=example.com",
        "nobodyKnowsThisScheme:totallyopaquecontent",
        "soap.beep://192.0.2.103:3002"
    })
    void wellFormedUris(String uri) {
        assertThat(valid(uri)).as(uri).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sip:",
        "<sip:alice@example.com>",
        "sip:alice@",
        "sip:alice@example.com:99999",
        "sip:alice@example.com;;lr",
        "sip:alice@example.com;=x",
        "sip:al%4ice@example.com",
        "sip:alice@example.com?",
        "sip:[2001:db8::1::2]",
        "sip:[2001:db8:0:0:0:0:0:0:1]",
        "sip:[2001:db8::12345]",
        "sip:[2001:db8::1",
        "sip:[::ffff:192.0.2.256]",
        "sip:alice@exa mple.com",
        "1sip:alice@example.com"
    })
    void malformedUris(String uri) {
        assertThat(valid(uri)).as(uri).isFalse();
    }

    @Test
    void sipUriParts() {
        SipUri uri = SipUri.parse("sips:alice%40home:pw@[2001:db8::1]:5061;transport=tls;lr?Subject=x");

        assertThat(uri.secure()).isTrue();
        assertThat(uri.userName()).isEqualTo("alice@home");
        assertThat(uri.host()).isEqualTo("[2001:db8::1]");
        assertThat(uri.port()).isEqualTo(5061);
        assertThat(uri.param("TRANSPORT")).isEqualTo("tls");
        assertThat(uri.param("lr")).isEmpty();
        assertThat(uri.param("maddr")).isNull();
        assertThat(uri.headers()).isEqualTo("Subject=x");
        assertThat(uri).hasToString("sips:alice%40home:pw@[2001:db8::1]:5061;transport=tls;lr?Subject=x");
        assertThat(SipUri.parse("tel:+41315550100")).isNull();
    }

    @Test
    void telUriParts() {
        TelUri tel = TelUri.parse("tel:+41-31-555-01-00;phone-context=example.com");

        assertThat(tel.digits()).isEqualTo("+41315550100");
        assertThat(tel.param("phone-context")).isEqualTo("example.com");
        assertThat(TelUri.parse("tel:+41+31")).isNull();
        assertThat(TelUri.parse("sip:alice@example.com")).isNull();
    }
}
