package org.cloudgate.rtp.moh;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Streams a {@link MohSource} as RTP (RFC 3550 section 5.1, RFC 3551 G.711 profile): one packet
 * of 160 samples every 20 ms on the channel's event-loop timer, timestamps advancing by 160,
 * sequence by one, a random SSRC and initial sequence and timestamp (RFC 3550 section 5.1
 * asks for random starting values), the marker bit on the first packet of the talkspurt.
 *
 * <p>Sending from the relay leg's own socket keeps RTP symmetric (RFC 4961): the held party
 * receives MoH from the same address and port it got the call's media from.
 */
public final class MohPlayer {

    private static final long PACKET_INTERVAL_MICROS = 20_000;

    private final Channel channel;
    private final InetSocketAddress destination;
    private final MohSource source;
    private final byte[] payload = new byte[MohSource.SAMPLES_PER_PACKET];
    private final long ssrc;
    private int sequence;
    private long timestamp;
    private int offset;
    private boolean first = true;
    private ScheduledFuture<?> timer;

    public MohPlayer(Channel channel, InetSocketAddress destination, MohSource source) {
        this.channel = channel;
        this.destination = destination;
        this.source = source;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextLong(1L << 32);
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextLong(1L << 32);
    }

    /** Starts sending; the first packet goes out at once. */
    public void start() {
        channel.eventLoop().execute(() -> {
            if (timer == null && channel.isActive()) {
                timer = channel.eventLoop().scheduleAtFixedRate(this::sendPacket, 0,
                        PACKET_INTERVAL_MICROS, TimeUnit.MICROSECONDS);
            }
        });
    }

    /** Stops sending; safe to call more than once and from any thread. */
    public void stop() {
        channel.eventLoop().execute(() -> {
            if (timer != null) {
                timer.cancel(false);
            }
        });
    }

    public long ssrc() {
        return ssrc;
    }

    private void sendPacket() {
        if (!channel.isActive()) {
            timer.cancel(false);
            return;
        }
        source.copyPacket(offset, payload);
        offset = (offset + payload.length) % source.length();
        ByteBuf packet = channel.alloc().directBuffer(12 + payload.length);
        packet.writeByte(0x80);
        packet.writeByte((first ? 0x80 : 0) | source.law().payloadType());
        packet.writeShort(sequence);
        packet.writeInt((int) timestamp);
        packet.writeInt((int) ssrc);
        packet.writeBytes(payload);
        channel.writeAndFlush(new DatagramPacket(packet, destination), channel.voidPromise());
        first = false;
        sequence = (sequence + 1) & 0xffff;
        timestamp = (timestamp + payload.length) & 0xffffffffL;
    }
}
