package org.cloudgate.testkit.pbx;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import org.cloudgate.sip.codec.OutgoingRequests;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.HeaderName;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.ClientTransaction;
import org.cloudgate.sip.transaction.ResponseListener;
import org.cloudgate.sip.transaction.ServerTransaction;
import org.cloudgate.sip.transaction.TransactionLayer;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transport.LoopStack;
import org.cloudgate.sip.transport.SipTransport;
import org.cloudgate.sip.uri.SipUri;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The simulated PBX as one SIP endpoint on one event loop: its address, the transports and the
 * transaction layer it sends with, the media loop its RTP echoes run on, and the recorder every
 * message it sends or receives goes through.
 */
final class PbxEndpoint {

    private final LoopStack stack;
    private final String host;
    private final TransactionTimers timers;
    private final EventLoop mediaLoop;
    private final Class<? extends DatagramChannel> mediaChannel;
    private final MessageRecorder recorder;

    PbxEndpoint(LoopStack stack, String host, TransactionTimers timers, EventLoop mediaLoop,
                Class<? extends DatagramChannel> mediaChannel, MessageRecorder recorder) {
        this.stack = stack;
        this.host = host;
        this.timers = timers;
        this.mediaLoop = mediaLoop;
        this.mediaChannel = mediaChannel;
        this.recorder = recorder;
    }

    EventLoop loop() {
        return stack.layer().loop();
    }

    TransactionLayer layer() {
        return stack.layer();
    }

    TransactionTimers timers() {
        return timers;
    }

    /** The address written into Via, Contact, SDP and the URIs of the PBX's users. */
    String host() {
        return host;
    }

    /** The SIP port (UDP and TCP share it). */
    int port() {
        return stack.udp().localAddress().getPort();
    }

    /** {@code host:port}, bracketed for IPv6, for URIs and Via sent-by. */
    String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port();
    }

    /** The URI of {@code user} at the PBX, e.g. {@code sip:201@127.0.0.1:5060}. */
    String uriOf(String user) {
        return "sip:" + user + "@" + hostPort();
    }

    /** The PBX's Contact for messages sent over {@code transport} (RFC 3261 section 8.1.1.8). */
    String contact(SipTransport transport) {
        return "<sip:pbx@" + hostPort() + (transport.reliable() ? ";transport=tcp" : "") + ">";
    }

    /** A Via for a request sent over {@code transport}, with a branch of this loop. */
    String via(SipTransport transport) {
        return "SIP/2.0/" + transport.name() + " " + hostPort() + ";branch=" + layer().newBranch() + ";rport";
    }

    /** The transport a request to {@code uri} takes: TCP for {@code transport=tcp}, UDP otherwise. */
    SipTransport transportFor(SipUri uri) {
        String transport = uri.param("transport");
        if (transport != null && "tcp".equals(transport.toLowerCase(Locale.ROOT)) && stack.tcp() != null) {
            return stack.tcp();
        }
        return stack.udp();
    }

    /** Where a request to {@code uri} goes: its host and port (5060 when none, no DNS SRV here). */
    static InetSocketAddress destinationOf(SipUri uri) {
        String host = uri.host();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, uri.port() >= 0 ? uri.port() : 5060);
    }

    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    String newCallId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) + "@" + host;
    }

    /**
     * A request the PBX writes (RFC 3261 section 8.1.1): Via with a fresh branch of this loop,
     * Max-Forwards, From, To, Call-ID, CSeq, a Contact for dialog-forming and target-refreshing
     * methods, and an SDP body when {@code sdp} is not {@code null}.
     */
    SipRequest request(String method, String uri, SipTransport transport, String from, String to, String callId,
                       long cseq, String sdp) {
        StringBuilder text = new StringBuilder(1024)
                .append(method).append(' ').append(uri).append(" SIP/2.0\r\n")
                .append("Via: ").append(via(transport)).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: ").append(from).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        if ("INVITE".equals(method) || "UPDATE".equals(method)) {
            text.append("Contact: ").append(contact(transport)).append("\r\n")
                    .append("Allow: ").append(PbxUserAgent.ALLOW).append("\r\n");
        }
        if (sdp != null) {
            text.append("Content-Type: application/sdp\r\n")
                    .append("Content-Length: ").append(sdp.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
                    .append(sdp);
        } else {
            text.append("Content-Length: 0\r\n\r\n");
        }
        return OutgoingRequests.fromText(text);
    }

    /**
     * A response to {@code request} with the dialog's {@code toWithTag}, the PBX's Contact and
     * an SDP body when {@code sdp} is not {@code null}; the caller sends and releases it.
     */
    SipResponse response(SipRequest request, SipTransport transport, int status, String reason, String toWithTag,
                         String sdp) {
        SipResponse response = SipErrorResponse.of(request, status, reason);
        response.setHeader(HeaderName.TO, toWithTag);
        if (status > 100 && status < 300 && ("INVITE".equals(request.method()) || "UPDATE".equals(request.method()))) {
            response.addHeader(HeaderName.CONTACT, contact(transport));
            response.addHeader("Allow", PbxUserAgent.ALLOW);
        }
        if (sdp != null) {
            response.setHeader(HeaderName.CONTENT_TYPE, "application/sdp");
            response.setContent(Unpooled.copiedBuffer(sdp, StandardCharsets.UTF_8));
        }
        return response;
    }

    RtpEcho openEcho() {
        return RtpEcho.open(mediaLoop, mediaChannel, host);
    }

    /** Records and sends {@code request} in a new client transaction; ownership passes on. */
    ClientTransaction send(SipRequest request, InetSocketAddress destination, SipTransport transport,
                           ResponseListener listener) {
        recorder.record(RecordedMessage.of(RecordedMessage.Direction.SENT, destination, request));
        return layer().send(request, destination, transport, (transaction, response) -> {
            received(destination, response);
            listener.onResponse(transaction, response);
        });
    }

    /** Records and sends an ACK for a 2xx, which has no transaction (RFC 3261 section 13.2.2.4); releases it. */
    void sendAck(SipRequest ack, InetSocketAddress destination, SipTransport transport) {
        try {
            recorder.record(RecordedMessage.of(RecordedMessage.Direction.SENT, destination, ack));
            transport.send(ack.encode(ByteBufAllocator.DEFAULT), destination, SipTransport.TransportFailure.IGNORE);
        } finally {
            ack.release();
        }
    }

    /** Records and sends {@code response} on {@code transaction}; releases it. */
    void respond(ServerTransaction transaction, SipResponse response) {
        try {
            recorder.record(RecordedMessage.of(RecordedMessage.Direction.SENT, transaction.source(), response));
            transaction.respond(response);
        } finally {
            response.release();
        }
    }

    /** Sends {@code response} again without releasing it: a 2xx resent until its ACK. */
    void resend(ServerTransaction transaction, SipResponse response) {
        transaction.respond(response);
    }

    /** Records a request the PBX received and returns the record. */
    RecordedMessage received(InetSocketAddress source, SipRequest request) {
        RecordedMessage recorded = RecordedMessage.of(RecordedMessage.Direction.RECEIVED, source, request);
        recorder.record(recorded);
        return recorded;
    }

    void received(InetSocketAddress source, SipResponse response) {
        recorder.record(RecordedMessage.of(RecordedMessage.Direction.RECEIVED, source, response));
    }
}
