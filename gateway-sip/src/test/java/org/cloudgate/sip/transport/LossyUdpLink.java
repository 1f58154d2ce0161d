package org.cloudgate.sip.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP link between a client and the SIP stack that loses the first few datagrams going back to
 * the client, as a congested network would: the client sees no response and retransmits.
 */
final class LossyUdpLink implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Thread relay;
    private final AtomicInteger toLose;
    final AtomicInteger lost = new AtomicInteger();
    final AtomicInteger towardServer = new AtomicInteger();
    private final AtomicInteger acksTowardServer = new AtomicInteger();
    private volatile SocketAddress client;

    LossyUdpLink(InetSocketAddress server, int responsesToLose) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.socket.setSoTimeout(100);
        this.server = server;
        this.toLose = new AtomicInteger(responsesToLose);
        this.relay = new Thread(this::relay, "lossy-udp-link");
        this.relay.setDaemon(true);
        this.relay.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void relay() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                if (packet.getSocketAddress().equals(server)) {
                    if (toLose.getAndDecrement() > 0) {
                        lost.incrementAndGet();
                    } else if (client != null) {
                        socket.send(new DatagramPacket(packet.getData(), packet.getLength(), client));
                    }
                } else {
                    client = packet.getSocketAddress();
                    towardServer.incrementAndGet();
                    if (startsWith(packet, "ACK ")) {
                        acksTowardServer.incrementAndGet();
                    }
                    socket.send(new DatagramPacket(packet.getData(), packet.getLength(), server));
                }
            } catch (SocketTimeoutException idle) {
                // keep listening until closed
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Waits until the link has passed an ACK on to the server: a client may send its last ACK and
     * exit before the link thread has read it, and closing the link then would lose it.
     */
    boolean awaitAckTowardServer(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (acksTowardServer.get() == 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static boolean startsWith(DatagramPacket packet, String prefix) {
        if (packet.getLength() < prefix.length()) {
            return false;
        }
        return new String(packet.getData(), packet.getOffset(), prefix.length(), StandardCharsets.US_ASCII)
                .equals(prefix);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        relay.join(2000);
    }
}
