package org.cloudgate.sip.auth;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The digest arithmetic against the published examples. */
class DigestAlgorithmTest {

    // RFC 7616 section 3.9.1
    private static final String REALM = "http-auth@example.org";
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void rfc7616Sha256Example() {
        String ha1 = DigestAlgorithm.SHA_256.ha1("Mufasa", REALM, "Circle of Life");
        assertThat(DigestAlgorithm.SHA_256.response(ha1, NONCE, "00000001", CNONCE, "GET", "/dir/index.html"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void rfc7616Md5Example() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", REALM, "Circle of Life");
        assertThat(DigestAlgorithm.MD5.response(ha1, NONCE, "00000001", CNONCE, "GET", "/dir/index.html"))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc2617Example() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        assertThat(DigestAlgorithm.MD5.response(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b",
                "GET", "/dir/index.html")).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void anAbsentAlgorithmMeansMd5AndAnUnknownOneIsRefused() {
        assertThat(DigestAlgorithm.of(null)).isEqualTo(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.of("sha-256")).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.of("SHA-512-256")).isNull();
    }

    @Test
    void aStoredHa1StandsForThePasswordAndNeitherIsShown() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", REALM, "Circle of Life");
        DigestSecret stored = DigestSecret.ha1(Map.of(DigestAlgorithm.MD5, ha1));
        DigestSecret password = DigestSecret.password("Circle of Life");

        assertThat(stored.ha1(DigestAlgorithm.MD5, "Mufasa", REALM)).isEqualTo(ha1);
        assertThat(stored.ha1(DigestAlgorithm.SHA_256, "Mufasa", REALM)).isNull();
        assertThat(password.ha1(DigestAlgorithm.MD5, "Mufasa", REALM)).isEqualTo(ha1);
        assertThat(List.of(stored.toString(), password.toString(),
                new DigestClient("Mufasa", password).toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain("Circle", ha1).contains("redacted"));
    }

    @Test
    void aChallengeWithoutQopIsAnsweredTheRfc2069Way() {
        String answer = new DigestClient("Mufasa", DigestSecret.password("Circle Of Life")).answer(
                List.of("Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\""),
                "REGISTER", "sip:host.com");
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        String expected = DigestAlgorithm.MD5.hash(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:"
                + DigestAlgorithm.MD5.hash("REGISTER:sip:host.com"));

        assertThat(answer).contains("response=\"" + expected + "\"", "algorithm=MD5").doesNotContain("cnonce", "nc=");
    }

    @Test
    void quotedParametersKeepTheirCommasAndSemicolons() {
        AuthParams params = AuthParams.parse(" username=\"a\\\"b\", uri=\"sip:x@y;transport=tcp\", qop=\"auth,auth-int\","
                + " nc=00000001");
        assertThat(params).isNotNull();
        assertThat(params.get("username")).isEqualTo("a\"b");
        assertThat(params.get("uri")).isEqualTo("sip:x@y;transport=tcp");
        assertThat(params.get("qop")).isEqualTo("auth,auth-int");
        assertThat(params.get("nc")).isEqualTo("00000001");
        assertThat(AuthParams.parse("username=\"unterminated")).isNull();
        assertThat(AuthParams.parse("nc=1, nc=2")).isNull();
    }
}
