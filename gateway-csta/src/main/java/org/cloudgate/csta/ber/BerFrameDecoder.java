package org.cloudgate.csta.ber;

import io.netty.buffer.ByteBuf;
import org.cloudgate.csta.codec.CstaDecodeException;
import org.cloudgate.csta.codec.CstaFrameDecoder;

/**
 * Frames BER over TCP: each frame is one definite-length outer TLV (ITU-T X.690 8.1), so its
 * end is found from the identifier and length octets alone. Indefinite lengths and lengths of
 * more than four octets are refused as broken framing.
 */
public final class BerFrameDecoder extends CstaFrameDecoder {

    /** A generous default: the largest CSTA answers (snapshots) stay well below it. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 64 * 1024;

    public BerFrameDecoder(int maxFrameLength) {
        super(maxFrameLength);
    }

    @Override
    protected int frameLength(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int index = start;
        if (index >= end) {
            return -1;
        }
        int first = in.getByte(index++) & 0xFF;
        if ((first & 0x1F) == 0x1F) {
            int b;
            int octets = 0;
            do {
                if (index >= end) {
                    return -1;
                }
                b = in.getByte(index++);
                if (++octets > 4) {
                    throw new CstaDecodeException("tag number too long", index - start);
                }
            } while ((b & 0x80) != 0);
        }
        if (index >= end) {
            return -1;
        }
        int lengthOctet = in.getByte(index++) & 0xFF;
        if (lengthOctet < 0x80) {
            return index - start + lengthOctet;
        }
        if (lengthOctet == 0x80) {
            throw new CstaDecodeException("indefinite length is not accepted", index - 1 - start);
        }
        int count = lengthOctet & 0x7F;
        if (count > 4) {
            throw new CstaDecodeException("length of " + count + " octets", index - 1 - start);
        }
        if (end - index < count) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (in.getByte(index++) & 0xFF);
        }
        long total = index - start + length;
        return total > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) total;
    }
}
