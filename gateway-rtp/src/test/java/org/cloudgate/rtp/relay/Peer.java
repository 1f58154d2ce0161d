package org.cloudgate.rtp.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A test endpoint on 127.0.0.1 that sends and receives RTP like a phone would. */
final class Peer implements AutoCloseable {

    private final DatagramSocket socket;

    Peer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(2000);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    static byte[] rtp(int payloadType, int sequence, long timestamp, long ssrc, int payloadLength) {
        ByteBuffer packet = ByteBuffer.allocate(12 + payloadLength);
        packet.put((byte) 0x80).put((byte) payloadType).putShort((short) sequence)
                .putInt((int) timestamp).putInt((int) ssrc);
        for (int i = 0; i < payloadLength; i++) {
            packet.put((byte) (sequence + i));
        }
        return packet.array();
    }

    static byte[] receiverReport(long ssrc) {
        return ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt((int) ssrc).array();
    }

    void send(byte[] datagram, int port) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }

    /** The next datagram, or null after the timeout. */
    DatagramPacket receive(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        packet.setData(Arrays.copyOf(packet.getData(), packet.getLength()));
        return packet;
    }

    @Override
    public void close() {
        socket.close();
    }
}
