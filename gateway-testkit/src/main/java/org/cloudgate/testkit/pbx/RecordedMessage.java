package org.cloudgate.testkit.pbx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One SIP message the simulated PBX received or sent, kept as text for assertions.
 *
 * @param direction whether the PBX received or sent it
 * @param peer      where it came from or went to
 * @param method    the request's method, or the method of the CSeq a response answers
 * @param status    the response's status, 0 for a request
 * @param callId    the Call-ID
 * @param text      the whole message as on the wire
 */
public record RecordedMessage(Direction direction, InetSocketAddress peer, String method, int status, String callId,
                              String text) {

    /** Which way a message went. */
    public enum Direction { RECEIVED, SENT }

    static RecordedMessage of(Direction direction, InetSocketAddress peer, SipMessage message) {
        ByteBuf encoded = message.encode(ByteBufAllocator.DEFAULT);
        String text;
        try {
            text = encoded.toString(StandardCharsets.UTF_8);
        } finally {
            encoded.release();
        }
        if (message instanceof SipRequest request) {
            return new RecordedMessage(direction, peer, request.method(), 0, message.callId(), text);
        }
        return new RecordedMessage(direction, peer, message.cseq() == null ? "" : message.cseq().method(),
                ((SipResponse) message).status(), message.callId(), text);
    }

    public boolean isRequest() {
        return status == 0;
    }

    /** The first line: request line or status line. */
    public String startLine() {
        int end = text.indexOf("\r\n");
        return end < 0 ? text : text.substring(0, end);
    }

    /** The first value of header {@code name} (case-insensitive, folded lines joined), or {@code null}. */
    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * Every line's value of header {@code name} in message order (RFC 3261 section 7.3.1), found
     * by its full name, case-insensitive.
     */
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> lines = headerLines();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                values.add(line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    /** The body, empty when there is none. */
    public String body() {
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? "" : text.substring(end + 4);
    }

    /** The head's header lines, folded continuation lines (section 7.3.1) joined to their header. */
    private List<String> headerLines() {
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] raw = head.split("\r\n");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i < raw.length; i++) {
            String line = raw[i];
            if (!lines.isEmpty() && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line.trim());
            } else {
                lines.add(line);
            }
        }
        return lines;
    }
}
