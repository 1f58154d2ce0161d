package org.cloudgate.sip.message;

import io.netty.buffer.ByteBuf;
import org.cloudgate.sip.wire.Octets;

/** The one implementation of {@link SipResponse}. */
public final class BufferedSipResponse extends BufferedSipMessage implements SipResponse {

    BufferedSipResponse(ByteBuf buffer, Octets octets, SipHead head, int bodyEnd, SipRejection rejection) {
        super(buffer, octets, head, bodyEnd, rejection);
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    @Override
    public int status() {
        return head().statusCode;
    }

    @Override
    public String reasonPhrase() {
        applyPendingEdits();
        return text(head().reasonStart, head().startLineEnd);
    }
}
