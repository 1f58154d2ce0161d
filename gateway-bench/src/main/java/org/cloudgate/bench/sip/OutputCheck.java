package org.cloudgate.bench.sip;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cloudgate.sip.codec.SipDatagramFraming;
import org.cloudgate.sip.codec.SipDecoderConfig;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipMessage;

/**
 * Checks that a benchmarked implementation produced the intended message: one From, carrying
 * the call-through URI with the original display name and tag; one Diversion on top; routing
 * headers and body unchanged; Content-Length right. And that it produced the same message as
 * the reference implementation: the same start line, the same values for every header and the
 * same body, so that a rewrite cannot look fast by doing less.
 */
final class OutputCheck {
    private static final String ORIGINAL_TAG = "8c1e5a7f";
    private static final String CALL_ID = "6f1d0c9e-3b5a-4e2f-9a8b-7c6d5e4f3a2b@192.0.2.10";

    private OutputCheck() {
    }

    static void verify(String implementation, String output) {
        ByteBuf octets = Unpooled.copiedBuffer(output, StandardCharsets.UTF_8);
        SipMessage message = new SipDatagramFraming(SipDecoderConfig.DEFAULTS).frame(octets).message();
        octets.release();
        try {
            require(implementation, message != null && message.rejection() == null, "output is a valid SIP message");
            require(implementation, message.headers(HeaderName.FROM).size() == 1, "exactly one From");
            NameAddress from = message.from();
            require(implementation, SipRewriteBenchmark.CALL_THROUGH_URI.equals(from.uri()), "From URI is the call-through number: " + from);
            require(implementation, ORIGINAL_TAG.equals(from.tag()), "From tag kept: " + from);
            require(implementation, from.displayName().contains("Alice Example"), "From display name kept: " + from);
            require(implementation, message.diversions().size() == 1
                    && "sip:4711@pbx.example.com".equals(message.diversions().get(0).uri())
                    && "unconditional".equals(message.diversions().get(0).param("reason")), "one Diversion added");
            require(implementation, CALL_ID.equals(message.callId()), "Call-ID kept");
            require(implementation, message.cseq().number() == 102, "CSeq kept");
            require(implementation, message.topVia().branch().startsWith("z9hG4bK-524287"), "Via kept");
            require(implementation, message.contentLength() == message.content().readableBytes()
                    && message.content().toString(StandardCharsets.UTF_8).startsWith("v=0\r\n")
                    && message.content().toString(StandardCharsets.UTF_8).endsWith("a=sendrecv\r\n"), "body kept");
        } finally {
            if (message != null) {
                message.release();
            }
        }
    }

    /**
     * Requires {@code output} to carry the message {@code reference} carries. Header order between
     * different names is free (RFC 3261 section 7.3.1), and so is white space after a comma and
     * splitting a comma-separated list over several lines: stacks serialize these differently.
     */
    static void verifySameAs(String implementation, String output, String referenceName, String reference) {
        Map<String, String> produced = canonical(output);
        Map<String, String> expected = canonical(reference);
        if (!produced.equals(expected)) {
            Set<String> names = new TreeSet<>(produced.keySet());
            names.addAll(expected.keySet());
            StringBuilder differences = new StringBuilder();
            for (String name : names) {
                if (!Objects.equals(produced.get(name), expected.get(name))) {
                    differences.append("\n  ").append(name).append(": ").append(produced.get(name))
                            .append(" (").append(referenceName).append(": ").append(expected.get(name)).append(')');
                }
            }
            throw new IllegalStateException(implementation + " did not produce the message " + referenceName
                    + " produced:" + differences);
        }
    }

    /**
     * The start line, each header's values in order (lists joined with commas, white space after
     * commas dropped) keyed by the lower-case long name, and the body.
     */
    private static Map<String, String> canonical(String message) {
        int headEnd = message.indexOf("\r\n\r\n");
        String[] lines = message.substring(0, headEnd).split("\r\n");
        Map<String, String> canonical = new TreeMap<>();
        canonical.put(" start line", lines[0]);
        canonical.put(" body", message.substring(headEnd + 4));
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim();
            HeaderName known = HeaderName.lookup(name);
            String key = (known != null ? known.canonical() : name).toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim().replaceAll("\\s*,\\s*", ",");
            canonical.merge(key, value, (first, next) -> first + "," + next);
        }
        return canonical;
    }

    private static void require(String implementation, boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(implementation + " did not do the benchmarked work: " + what);
        }
    }
}
