package org.cloudgate.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cloudgate.sip.codec.TestMessages;
import org.cloudgate.sip.uri.SipUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SipMessageTest {
    private SipMessage message;

    @AfterEach
    void release() {
        if (message != null) {
            message.release();
        }
    }

    @Test
    void typedAccessToTheRoutingHeadersOfAnInvite() {
        message = TestMessages.decode(TestMessages.invite());
        SipRequest invite = (SipRequest) message;

        assertThat(invite.rejection()).isNull();
        assertThat(invite.method()).isSameAs(SipMethods.INVITE);
        assertThat(invite.requestUri()).isEqualTo("sip:+41797654321@sip.provider.example.net;user=phone");
        Via via = invite.topVia();
        assertThat(via.transport()).isEqualTo("UDP");
        assertThat(via.host()).isEqualTo("192.0.2.10");
        assertThat(via.port()).isEqualTo(5060);
        assertThat(via.branch()).isEqualTo("z9hG4bK-524287-1---7a4c2f0e9b1d3a55");
        assertThat(via.rport()).isZero();
        assertThat(via.hasRfc3261Branch()).isTrue();
        assertThat(invite.from().displayName()).isEqualTo("\"Alice Example\"");
        assertThat(invite.from().uri()).isEqualTo("sip:4711@pbx.example.com");
        assertThat(invite.from().tag()).isEqualTo("8c1e5a7f");
        assertThat(invite.to().tag()).isNull();
        assertThat(invite.to().sipUri().param("user")).isEqualTo("phone");
        assertThat(invite.callId()).isEqualTo("6f1d0c9e-3b5a-4e2f-9a8b-7c6d5e4f3a2b@192.0.2.10");
        assertThat(invite.cseq()).isEqualTo(new CSeq(102, "INVITE"));
        assertThat(invite.maxForwards()).isEqualTo(70);
        assertThat(invite.contentLength()).isEqualTo(invite.content().readableBytes());
        assertThat(invite.contentType()).isEqualTo("application/sdp");
        assertThat(invite.contacts()).extracting(NameAddress::uri).containsExactly("sip:4711@192.0.2.10:5060;transport=udp");
        assertThat(invite.supported()).containsExactly("replaces", "timer", "100rel");
        assertThat(invite.sessionExpires().deltaSeconds()).isEqualTo(1800);
        assertThat(invite.sessionExpires().refresher()).isEqualTo("uac");
        assertThat(invite.minSessionExpires()).isEqualTo(90);
        assertThat(invite.assertedIdentities()).extracting(NameAddress::uri).containsExactly("sip:4711@pbx.example.com");
        assertThat(invite.privacy()).containsExactly("none");
        assertThat(invite.header("user-agent")).isEqualTo("MiVoice Office 400 R6.3");
        assertThat(invite.header("l")).isEqualTo(Long.toString(invite.contentLength()));
        assertThat(invite.require()).isEmpty();
        assertThat(invite.replaces()).isNull();
    }

    @Test
    void foldedLinesCompactFormsAndOddWhitespace() {
        message = TestMessages.decode(TestMessages.rfc4475("TC_WSINV.dat"));

        assertThat(message.to().uri()).isEqualTo("sip:vivekg@chair-dnrc.example.com");
        assertThat(message.to().tag()).isEqualTo("1918181833n");
        assertThat(message.from().tag()).isEqualTo("98asjd8");
        assertThat(message.from().displayName()).isEqualTo("\"J Rosenberg \\\\\\\"\"");
        assertThat(message.maxForwards()).isEqualTo(68);
        assertThat(message.cseq()).isEqualTo(new CSeq(9, "INVITE"));
        assertThat(message.vias()).extracting(Via::host, Via::transport, Via::branch).containsExactly(
                org.assertj.core.groups.Tuple.tuple("192.0.2.2", "UDP", "390skdjuw"),
                org.assertj.core.groups.Tuple.tuple("spindle.example.com", "TCP", "z9hG4bK9ikj8"),
                org.assertj.core.groups.Tuple.tuple("192.168.255.111", "UDP", "z9hG4bK30239"));
        NameAddress contact = message.contacts().get(0);
        assertThat(contact.param("newparam")).isEqualTo("newvalue");
        assertThat(contact.param("q")).isEqualTo("0.33");
        assertThat(message.routes()).extracting(NameAddress::uri)
                .containsExactly("sip:services.example.com;lr;unknownwith=value;unknown-no-value");
        assertThat(message.header(HeaderName.SUBJECT)).isEmpty();
        assertThat(message.header("NewFangledHeader")).startsWith("newfangled value").endsWith("continued newfangled value");
    }

    @Test
    void repeatedHeadersAndManyCaseVariants() {
        message = TestMessages.decode(TestMessages.rfc4475("TC_LONGREQ_V.dat"));

        List<Via> vias = message.vias();
        assertThat(vias).hasSizeGreaterThan(30);
        assertThat(vias.get(0).host()).isEqualTo("sip33.example.com");
        assertThat(message.headers(HeaderName.VIA)).hasSameSizeAs(vias);
    }

    @Test
    void escapedUriPartsAreKeptAndDecodable() {
        message = TestMessages.decode(TestMessages.rfc4475("TC_ESC01_V.dat"));

        SipUri to = message.to().sipUri();
        assertThat(to.user()).isEqualTo("%75se%72");
        assertThat(to.userName()).isEqualTo("user");
        SipUri contact = message.contacts().get(0).sipUri();
        assertThat(contact.param("n%61me")).isEqualTo("v%61lue%25%34%31");
        assertThat(message.callId()).startsWith("esc01.");
    }

    @Test
    void authorizationAndReplaces() {
        message = TestMessages.decode(TestMessages.lines(
                "INVITE sip:bob@example.com SIP/2.0",
                "Via: SIP/2.0/TCP [2001:db8::9]:5061;branch=z9hG4bKabc;received=2001:db8::1",
                "From: <sip:alice@example.com>;tag=1",
                "To: <sip:bob@example.com>",
                "Call-ID: c1",
                "CSeq: 1 INVITE",
                "Max-Forwards: 70",
                "Replaces: 425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only",
                "Refer-To: <sip:carol@example.com?Replaces=abc%40host>",
                "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"n1\", uri=\"sip:bob@example.com\"",
                "Diversion: <sip:4711@pbx.example.com>;reason=unconditional;counter=1",
                "History-Info: <sip:bob@example.com>;index=1, <sip:carol@example.com>;index=1.1",
                "Require: timer",
                "Content-Length: 0"));

        assertThat(message.rejection()).isNull();
        assertThat(message.topVia().host()).isEqualTo("[2001:db8::9]");
        assertThat(message.topVia().port()).isEqualTo(5061);
        assertThat(message.topVia().received()).isEqualTo("2001:db8::1");
        Replaces replaces = message.replaces();
        assertThat(replaces.callId()).isEqualTo("425928@bobster.example.org");
        assertThat(replaces.toTag()).isEqualTo("7743");
        assertThat(replaces.fromTag()).isEqualTo("6472");
        assertThat(replaces.earlyOnly()).isTrue();
        assertThat(message.referTo().sipUri().headers()).isEqualTo("Replaces=abc%40host");
        AuthHeader authorization = message.authorization();
        assertThat(authorization.scheme()).isEqualTo("Digest");
        assertThat(authorization.param("realm")).isEqualTo("example.com");
        assertThat(authorization.param("nonce")).isEqualTo("n1");
        assertThat(message.diversions().get(0).param("reason")).isEqualTo("unconditional");
        assertThat(message.historyInfo()).extracting(h -> h.param("index")).containsExactly("1", "1.1");
        assertThat(message.require()).containsExactly("timer");
        assertThat(message.wwwAuthenticate()).isNull();
    }

    @Test
    void responseStatusAndReason() {
        message = TestMessages.decode(TestMessages.rfc4475("TC_NOREASON_V.dat"));

        SipResponse response = (SipResponse) message;
        assertThat(response.status()).isEqualTo(100);
        assertThat(response.reasonPhrase()).isEmpty();
        assertThat(response.to().tag()).isEqualTo("902jndnke3");
    }
}
