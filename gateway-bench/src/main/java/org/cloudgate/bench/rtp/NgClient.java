package org.cloudgate.bench.rtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of rtpengine's "ng" control protocol: {@code <cookie> <bencoded dictionary>} over
 * UDP, answered with the same cookie. Only what the load tool needs: offer, answer, delete.
 */
final class NgClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    /** rtpengine caches replies by cookie to answer retransmissions: cookies must never repeat. */
    private final String cookiePrefix = Long.toHexString(System.nanoTime()) + "-";
    private long cookies;

    NgClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket();
        socket.setSoTimeout(3000);
    }

    /** Sends the caller's SDP; returns the SDP to give the callee (the relay's callee-side port). */
    String offer(String callId, String fromTag, String sdp) throws IOException {
        Map<String, Object> command = command("offer", callId, fromTag);
        command.put("sdp", sdp);
        command.put("ICE", "remove");
        command.put("flags", List.of("no-rtcp-attribute"));
        return (String) call(command).get("sdp");
    }

    /** Sends the callee's SDP; returns the SDP to give the caller. */
    String answer(String callId, String fromTag, String toTag, String sdp) throws IOException {
        Map<String, Object> command = command("answer", callId, fromTag);
        command.put("to-tag", toTag);
        command.put("sdp", sdp);
        command.put("ICE", "remove");
        command.put("flags", List.of("no-rtcp-attribute"));
        return (String) call(command).get("sdp");
    }

    void delete(String callId, String fromTag) throws IOException {
        call(command("delete", callId, fromTag));
    }

    private static Map<String, Object> command(String name, String callId, String fromTag) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("command", name);
        command.put("call-id", callId);
        command.put("from-tag", fromTag);
        return command;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(Map<String, Object> command) throws IOException {
        String cookie = cookiePrefix + (++cookies);
        byte[] body = Bencode.encode(command);
        byte[] head = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] message = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        socket.send(new DatagramPacket(message, message.length, server));
        byte[] buffer = new byte[65536];
        while (true) {
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            String text = new String(buffer, 0, reply.getLength(), StandardCharsets.ISO_8859_1);
            if (!text.startsWith(cookie + " ")) {
                continue;
            }
            Map<String, Object> result = (Map<String, Object>) Bencode.decode(buffer, head.length);
            if (!"ok".equals(result.get("result"))) {
                throw new IOException(command.get("command") + " failed: " + result);
            }
            return result;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
