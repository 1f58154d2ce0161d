package org.cloudgate.csta.xml;

import io.netty.buffer.ByteBuf;
import org.cloudgate.csta.codec.CstaDecodeException;
import org.cloudgate.csta.codec.CstaFrameDecoder;

/**
 * Frames ECMA-323 over TCP (ECMA-323 Annex J.2): an 8-byte header of two zero bytes, the total
 * length including the header as a 16-bit big-endian number, and four ASCII digits of invoke
 * identifier, followed by the UTF-8 document. A header that breaks these rules loses framing.
 */
public final class XmlFrameDecoder extends CstaFrameDecoder {

    /** The header length fixed by Annex J.2. */
    public static final int HEADER_LENGTH = 8;
    /** The largest frame the 16-bit length allows. */
    public static final int MAX_FRAME_LENGTH = 0xFFFF;

    public XmlFrameDecoder(int maxFrameLength) {
        super(Math.min(maxFrameLength, MAX_FRAME_LENGTH));
    }

    @Override
    protected int frameLength(ByteBuf in) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return -1;
        }
        return checkHeader(in, in.readerIndex());
    }

    /** Checks the Annex J.2 header at {@code index} and returns the total length it states. */
    static int checkHeader(ByteBuf in, int index) {
        if (in.getByte(index) != 0 || in.getByte(index + 1) != 0) {
            throw new CstaDecodeException("frame does not start with two zero bytes", 0);
        }
        int length = in.getUnsignedShort(index + 2);
        if (length <= HEADER_LENGTH) {
            throw new CstaDecodeException("frame length " + length + " leaves no document", 2);
        }
        for (int i = 4; i < HEADER_LENGTH; i++) {
            byte digit = in.getByte(index + i);
            if (digit < '0' || digit > '9') {
                throw new CstaDecodeException("invoke id is not four ASCII digits", i);
            }
        }
        return length;
    }
}
