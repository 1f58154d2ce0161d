package org.cloudgate.bench.rtp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cloudgate.rtp.InactivityAction;
import org.cloudgate.rtp.RtpSettings;
import org.cloudgate.rtp.Side;
import org.cloudgate.rtp.relay.DatagramTransport;
import org.cloudgate.rtp.relay.MediaRelay;
import org.cloudgate.rtp.relay.RelaySession;
import org.cloudgate.rtp.sdp.MediaAddress;
import org.cloudgate.rtp.sdp.MediaEndpoint;
import org.cloudgate.rtp.sdp.RelayRewriter;
import org.cloudgate.rtp.sdp.SdpParser;
import org.cloudgate.rtp.sdp.SdpResult;
import org.cloudgate.rtp.sdp.SessionDescription;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * cloudgate's relay behind a small subset of rtpengine's ng protocol (offer, answer, delete,
 * ping), so that one load tool drives both relays through the same steps: the offer's SDP
 * becomes the PBX leg, the answer's SDP the cloud leg, and each returned SDP is rewritten by
 * cloudgate's own {@link RelayRewriter}. Runs as its own JVM so that its CPU time can be read.
 *
 * <p>{@code java -cp benchmarks.jar org.cloudgate.bench.rtp.CloudgateNgRelay
 * [--ng 127.0.0.1:2224] [--ports 10000-19999] [--threads 2] [--batch 1] [--address 127.0.0.1]}
 */
public final class CloudgateNgRelay implements AutoCloseable {

    private final DatagramSocket control;
    private final DatagramTransport transport;
    private final MediaRelay relay;
    private final MediaAddress sdpAddress;
    private final Map<String, RelaySession> sessions = new HashMap<>();
    private final Thread worker;

    CloudgateNgRelay(InetSocketAddress ng, String address, int portMin, int portMax, int threads, int batch)
            throws IOException {
        RtpSettings settings = RtpSettings.defaults()
                .withBindAddress(address)
                .withPorts(portMin, portMax)
                .withNatLatching(false, false)
                .withReceiveBatch(batch)
                .withInactivity(Duration.ZERO, InactivityAction.REPORT);
        this.transport = DatagramTransport.start(threads, true);
        this.relay = new MediaRelay(settings, transport, new SimpleMeterRegistry());
        this.sdpAddress = MediaAddress.of(InetAddress.getByName(address));
        this.control = new DatagramSocket(ng);
        this.worker = new Thread(this::serve, "ng-control");
        worker.start();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LoadOptions.parse(args);
        String[] ports = options.getOrDefault("ports", "10000-19999").split("-");
        InetSocketAddress ng = LoadOptions.address(options.getOrDefault("ng", "127.0.0.1:2224"));
        try (CloudgateNgRelay server = new CloudgateNgRelay(ng, options.getOrDefault("address", "127.0.0.1"),
                Integer.parseInt(ports[0]), Integer.parseInt(ports[1]),
                Integer.parseInt(options.getOrDefault("threads", "2")),
                Integer.parseInt(options.getOrDefault("batch", "1")))) {
            System.out.println("ready ng=" + ng + " epoll=" + server.transport.epoll()
                    + " pid=" + ProcessHandle.current().pid());
            System.out.flush();
            server.worker.join();
        }
    }

    private void serve() {
        byte[] buffer = new byte[65536];
        while (!control.isClosed()) {
            DatagramPacket request = new DatagramPacket(buffer, buffer.length);
            try {
                control.receive(request);
                byte[] reply = handle(Arrays.copyOf(buffer, request.getLength()));
                control.send(new DatagramPacket(reply, reply.length, request.getSocketAddress()));
            } catch (IOException e) {
                if (!control.isClosed()) {
                    System.err.println("ng control: " + e);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private byte[] handle(byte[] message) {
        int space = 0;
        while (space < message.length && message[space] != ' ') {
            space++;
        }
        String cookie = new String(message, 0, space, StandardCharsets.US_ASCII);
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            Map<String, Object> command = (Map<String, Object>) Bencode.decode(message, space + 1);
            execute(command, result);
        } catch (Exception e) {
            result.put("result", "error");
            result.put("error-reason", String.valueOf(e));
        }
        byte[] head = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Bencode.encode(result);
        byte[] reply = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, reply, head.length, body.length);
        return reply;
    }

    private void execute(Map<String, Object> command, Map<String, Object> result) throws Exception {
        String name = (String) command.get("command");
        String callId = (String) command.get("call-id");
        switch (name) {
            case "ping" -> result.put("result", "pong");
            case "offer" -> {
                RelaySession session = relay.open(callId, "bench", (s, side) -> { }).get(5, TimeUnit.SECONDS);
                sessions.put(callId, session);
                result.put("sdp", relayed(session, Side.PBX, (String) command.get("sdp")));
                result.put("result", "ok");
            }
            case "answer" -> {
                RelaySession session = sessions.get(callId);
                if (session == null) {
                    throw new IllegalStateException("unknown call " + callId);
                }
                result.put("sdp", relayed(session, Side.CLOUD, (String) command.get("sdp")));
                result.put("result", "ok");
            }
            case "delete" -> {
                RelaySession session = sessions.remove(callId);
                if (session != null) {
                    session.close().get(5, TimeUnit.SECONDS);
                }
                result.put("result", "ok");
            }
            default -> throw new IllegalArgumentException("unsupported command " + name);
        }
    }

    /** Announces {@code from}'s SDP to its leg; returns it rewritten to the other leg's port. */
    private String relayed(RelaySession session, Side from, String sdpText) throws Exception {
        SdpResult parsed = SdpParser.parse(sdpText);
        if (!(parsed instanceof SdpResult.Parsed ok)) {
            throw new IllegalArgumentException(((SdpResult.Malformed) parsed).reason());
        }
        SessionDescription sdp = ok.description();
        MediaEndpoint endpoint = MediaEndpoint.of(sdp, 0)
                .orElseThrow(() -> new IllegalArgumentException("no media address in SDP"));
        session.announce(from, endpoint.rtp(), endpoint.rtcp(), endpoint.rates()).get(5, TimeUnit.SECONDS);
        int port = session.leg(from.other()).localPorts().rtp();
        return RelayRewriter.rewrite(sdp, sdpAddress, port).encode();
    }

    @Override
    public void close() {
        control.close();
        sessions.values().forEach(RelaySession::close);
        transport.shutdown();
    }
}
