package org.cloudgate.csta.codec;

import io.netty.buffer.ByteBuf;
import org.cloudgate.csta.model.CstaMessage;

/**
 * One wire encoding of the CSTA service model: ECMA-323 XML or ECMA-285 BER.
 *
 * <p>Implementations are stateless and safe to share between connections.
 */
public interface CstaCodec {

    /**
     * Decodes one complete frame, as delimited by the encoding's framing.
     *
     * @param frame the frame; its reader index is not moved
     * @throws CstaDecodeException when the frame is not a valid message
     */
    Inbound decode(ByteBuf frame);

    /**
     * Appends the complete frame of a message, framing included.
     *
     * @param namespace for XML, the ECMA-323 namespace to write (the one the peer uses);
     *     ignored by BER
     */
    void encode(CstaMessage message, String namespace, ByteBuf out);
}
