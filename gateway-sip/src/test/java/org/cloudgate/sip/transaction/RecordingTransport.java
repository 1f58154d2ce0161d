package org.cloudgate.sip.transaction;

import io.netty.buffer.ByteBuf;
import io.netty.util.CharsetUtil;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A transport that keeps what it is asked to send, as text, for the state-machine tests. */
public final class RecordingTransport implements SipTransport {

    private final boolean reliable;
    public final List<String> sent = new ArrayList<>();
    public final List<InetSocketAddress> destinations = new ArrayList<>();
    Throwable failWith;

    public RecordingTransport(boolean reliable) {
        this.reliable = reliable;
    }

    @Override
    public String name() {
        return reliable ? "TCP" : "UDP";
    }

    @Override
    public boolean reliable() {
        return reliable;
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 5060);
    }

    @Override
    public void send(ByteBuf encoded, InetSocketAddress destination, TransportFailure onFailure) {
        try {
            if (failWith != null) {
                onFailure.failed(failWith);
                return;
            }
            sent.add(encoded.toString(CharsetUtil.UTF_8));
            destinations.add(destination);
        } finally {
            encoded.release();
        }
    }

    public String last() {
        return sent.get(sent.size() - 1);
    }

    long count(String startLine) {
        return sent.stream().filter(m -> m.startsWith(startLine)).count();
    }
}
