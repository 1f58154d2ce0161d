package org.cloudgate.sip.b2bua;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.cloudgate.sip.codec.OutgoingRequests;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transport.SipTransport;
import org.cloudgate.sip.wire.Utf8Text;

import java.util.List;
import java.util.Locale;

/**
 * Writes the messages of one leg from those of the other. A relayed message is the received one
 * duplicated and rewritten: the dialog's own headers (Via, From, To, Call-ID, CSeq, Contact) are
 * replaced, the headers that only make sense on the other hop (Route, Record-Route, credentials)
 * removed, and everything else, the body included, spliced through unchanged.
 */
final class LegMessages {

    /** RFC 3262 reliable provisional responses are not relayed; the option is taken out of offers. */
    static final String RELIABLE_PROVISIONAL = "100rel";
    static final int DEFAULT_MAX_FORWARDS = 70;
    /** The option tag of session timers (RFC 4028). */
    static final String SESSION_TIMER = "timer";
    /** The option tag of session replacement (RFC 3891 section 6.1). */
    static final String REPLACES = "replaces";

    private final String host;
    private final boolean replacement;

    /**
     * @param host        the host written into the gateway's Via and Contact
     * @param replacement whether the gateway supports Replaces; when not, the option is taken out
     *                    of what it relays
     */
    LegMessages(String host, boolean replacement) {
        this.host = host;
        this.replacement = replacement;
    }

    String via(SipTransport transport, String branch) {
        return "SIP/2.0/" + transport.name() + ' ' + host + ':' + transport.localAddress().getPort()
                + ";branch=" + branch + ";rport";
    }

    /** The gateway's Contact on a leg carried by {@code transport}. */
    String contact(SipTransport transport) {
        String uri = "sip:" + host + ':' + transport.localAddress().getPort();
        return "UDP".equals(transport.name()) ? '<' + uri + '>'
                : '<' + uri + ";transport=" + transport.name().toLowerCase(Locale.ROOT) + '>';
    }

    /** The From of an outgoing INVITE: the caller, or the identity the router chose, with our tag. */
    static String from(NameAddress received, CallerIdentity identity, String tag) {
        String display = identity.displayName() != null ? identity.displayName()
                : received == null ? "" : received.displayName();
        String uri = identity.uri() != null ? identity.uri()
                : received == null ? "sip:anonymous@anonymous.invalid" : received.uri();
        return (display.isEmpty() ? "" : display + ' ') + '<' + uri + ">;tag=" + tag;
    }

    /**
     * The INVITE toward one target, written over the caller's.
     *
     * @param cseq the CSeq number of the new dialog's INVITE
     */
    SipRequest invite(SipRequest received, CallTarget target, SipTransport transport, String branch, String callId,
                      String from, long cseq, CallPlan.Rewrite rewrite, long sessionInterval, long minSessionInterval) {
        SipRequest out = (SipRequest) received.duplicate();
        out.setRequestUri(target.requestUri());
        out.setHeader(HeaderName.VIA, via(transport, branch));
        out.setHeader(HeaderName.MAX_FORWARDS, Integer.toString(maxForwards(received)));
        out.setHeader(HeaderName.FROM, from);
        out.setHeader(HeaderName.TO, '<' + target.toUri() + '>');
        out.setHeader(HeaderName.CALL_ID, callId);
        out.setHeader(HeaderName.CSEQ, cseq + " INVITE");
        out.setHeader(HeaderName.CONTACT, contact(transport));
        removeHopHeaders(received, out);
        boolean timers = sessionInterval > 0;
        supported(received, out, timers);
        if (timers) {
            // RFC 4028 section 7.1: the gateway asks to refresh this leg itself.
            out.setHeader(HeaderName.SESSION_EXPIRES, sessionInterval + ";refresher=uac");
            out.setHeader(HeaderName.MIN_SE, Long.toString(minSessionInterval));
        }
        rewrite.apply(out);
        return out;
    }

    /**
     * A request received in one dialog, rewritten for the other dialog {@code to}: its Request-URI
     * is the remote target, its CSeq the next of that dialog.
     */
    SipRequest inDialog(SipRequest received, Dialog to, long cseq, String branch) {
        SipRequest out = (SipRequest) received.duplicate();
        out.setRequestUri(to.remoteTarget);
        out.setHeader(HeaderName.VIA, via(to.transport, branch));
        out.setHeader(HeaderName.MAX_FORWARDS, Integer.toString(maxForwards(received)));
        out.setHeader(HeaderName.FROM, to.localParty);
        out.setHeader(HeaderName.TO, to.remoteParty);
        out.setHeader(HeaderName.CALL_ID, to.callId);
        out.setHeader(HeaderName.CSEQ, cseq + " " + received.method());
        if (received.contains(HeaderName.CONTACT)) {
            out.setHeader(HeaderName.CONTACT, contact(to.transport));
        }
        removeHopHeaders(received, out);
        supported(received, out, false);
        return out;
    }

    /**
     * A request the gateway originates in dialog {@code in} (BYE, ACK without a body).
     *
     * @param extra further header lines, each ending with CRLF, or empty
     */
    SipRequest originate(String method, Dialog in, long cseq, String branch, String extra) {
        return OutgoingRequests.fromText(originateText(method, in, cseq, branch, extra));
    }

    /**
     * The same request as octets in a buffer from {@code allocator}, for one nothing reads back
     * (the ACK of a 2xx, kept only to be sent again): nothing is parsed.
     */
    ByteBuf originateEncoded(String method, Dialog in, long cseq, String branch, ByteBufAllocator allocator) {
        return Utf8Text.ioBuffer(originateText(method, in, cseq, branch, ""), allocator);
    }

    private String originateText(String method, Dialog in, long cseq, String branch, String extra) {
        return method + ' ' + in.remoteTarget + " SIP/2.0\r\n"
                + "Via: " + via(in.transport, branch) + "\r\n"
                + "Max-Forwards: " + DEFAULT_MAX_FORWARDS + "\r\n"
                + "From: " + in.localParty + "\r\n"
                + "To: " + in.remoteParty + "\r\n"
                + "Call-ID: " + in.callId + "\r\n"
                + "CSeq: " + cseq + ' ' + method + "\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    /**
     * A response received on one leg, rewritten as the answer to {@code answered}, the request
     * of the other leg.
     *
     * @param toTag the tag to add to To when {@code answered} has none (a dialog-creating
     *              response), else ignored
     */
    SipResponse response(SipResponse received, SipRequest answered, String toTag, SipTransport transport) {
        SipResponse out = (SipResponse) received.duplicate();
        out.setHeader(HeaderName.VIA, String.join(", ", answered.headers(HeaderName.VIA)));
        out.setHeader(HeaderName.FROM, answered.header(HeaderName.FROM));
        NameAddress to = answered.to();
        String toValue = answered.header(HeaderName.TO);
        out.setHeader(HeaderName.TO, to != null && to.tag() == null && received.status() > 100
                ? toValue + ";tag=" + toTag : toValue);
        out.setHeader(HeaderName.CALL_ID, answered.callId());
        out.setHeader(HeaderName.CSEQ, answered.header(HeaderName.CSEQ));
        if (received.contains(HeaderName.CONTACT)) {
            out.setHeader(HeaderName.CONTACT, contact(transport));
        }
        if (received.contains(HeaderName.RECORD_ROUTE)) {
            out.removeHeader(HeaderName.RECORD_ROUTE);
        }
        if (received.contains(HeaderName.WWW_AUTHENTICATE)) {
            out.removeHeader(HeaderName.WWW_AUTHENTICATE);
        }
        if (received.contains(HeaderName.PROXY_AUTHENTICATE)) {
            out.removeHeader(HeaderName.PROXY_AUTHENTICATE);
        }
        if (!replacement && received.supported().contains(REPLACES)) {
            supported(received, out, false);
        }
        return out;
    }

    /**
     * Answers {@code transaction} with a response the gateway makes itself.
     *
     * @param headers extra header lines ({@code Name: value})
     */
    static void answer(ServerTransaction transaction, int status, String reason, String... headers) {
        SipResponse response = SipErrorResponse.of(transaction.request(), status, reason);
        for (String header : headers) {
            int colon = header.indexOf(':');
            response.addHeader(header.substring(0, colon), header.substring(colon + 1).trim());
        }
        try {
            transaction.respond(response);
        } finally {
            response.release();
        }
    }

    /** RFC 3261 section 16.6 step 3: one less hop, or the default when the request had none. */
    static int maxForwards(SipRequest received) {
        int value = received.maxForwards();
        return value < 0 ? DEFAULT_MAX_FORWARDS : Math.max(0, value - 1);
    }

    private static void removeHopHeaders(SipRequest received, SipRequest out) {
        for (HeaderName name : HOP_HEADERS) {
            if (received.contains(name)) {
                out.removeHeader(name);
            }
        }
    }

    private static final HeaderName[] HOP_HEADERS = {
        HeaderName.ROUTE, HeaderName.RECORD_ROUTE, HeaderName.AUTHORIZATION, HeaderName.PROXY_AUTHORIZATION,
    };

    /**
     * Takes {@code 100rel} out of Supported: the gateway does not relay PRACK (RFC 3262); takes
     * {@code replaces} out when the gateway does not support Replaces (RFC 3891 section 6.1); adds
     * {@code timer} when the gateway runs session timers on the leg (RFC 4028 section 7.1).
     */
    private void supported(SipMessage received, SipMessage out, boolean timer) {
        List<String> supported = received.supported();
        boolean reliable = supported.contains(RELIABLE_PROVISIONAL);
        boolean unsupportedReplaces = !replacement && supported.contains(REPLACES);
        boolean addTimer = timer && !supported.contains(SESSION_TIMER);
        if (!reliable && !unsupportedReplaces && !addTimer) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (String option : supported) {
            if (!RELIABLE_PROVISIONAL.equals(option) && !(unsupportedReplaces && REPLACES.equals(option))) {
                kept.append(kept.length() == 0 ? "" : ", ").append(option);
            }
        }
        if (addTimer) {
            kept.append(kept.length() == 0 ? "" : ", ").append(SESSION_TIMER);
        }
        if (kept.length() == 0) {
            out.removeHeader(HeaderName.SUPPORTED);
        } else {
            out.setHeader(HeaderName.SUPPORTED, kept);
        }
    }
}
