package org.cloudgate.sip.message;

import io.netty.buffer.ByteBuf;
import org.cloudgate.sip.wire.Octets;

/** The one implementation of {@link SipRequest}. */
public final class BufferedSipRequest extends BufferedSipMessage implements SipRequest {
    private String method;

    BufferedSipRequest(ByteBuf buffer, Octets octets, SipHead head, int bodyEnd, SipRejection rejection) {
        super(buffer, octets, head, bodyEnd, rejection);
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    @Override
    public String method() {
        if (method == null) {
            method = SipMethods.decode(octets(), head().methodEnd);
        }
        return method;
    }

    @Override
    public String requestUri() {
        applyPendingEdits();
        return text(head().uriStart, head().uriEnd);
    }

    @Override
    public SipRequest setRequestUri(CharSequence uri) {
        setNewRequestUri(uri);
        return this;
    }
}
