package org.cloudgate.sip.transaction;

import io.netty.channel.EventLoop;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;

/**
 * A request the gateway received and the machine that carries its responses back (RFC 3261
 * section 17.2): retransmitted requests are absorbed and answered with the last response, and
 * responses go back where the request came from (RFC 3581 symmetric response routing).
 */
public abstract class ServerTransaction extends Transaction {

    /** Call-ID, From tag and CSeq of a request without To tag, for merged-request detection. */
    String origin;

    ServerTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, SipTransport transport,
                      InetSocketAddress source, TransactionState initial) {
        super(layer, key, request, transport, source, initial);
    }

    /** The address the request came from, where responses go. */
    public InetSocketAddress source() {
        return peer;
    }

    /** The transport the request came over: the flow back to the peer (RFC 5626 section 3). */
    public SipTransport transport() {
        return transport;
    }

    /** The event loop this transaction lives on, where {@link #respond} is called. */
    public EventLoop loop() {
        return layer.loop();
    }

    /**
     * Sends {@code response} (not released here) and advances the machine. A response after the
     * final one is ignored: the transaction has nothing more to say.
     */
    public final void respond(SipResponse response) {
        layer.assertOnLoop();
        if (state == TransactionState.PROCEEDING || state == TransactionState.TRYING) {
            sendAndKeep(transport.encode(response, layer.allocator()));
            advance(response.status());
        } else if (state == TransactionState.ACCEPTED && response.status() >= 200 && response.status() < 300) {
            transport.send(transport.encode(response, layer.allocator()), peer, this::transportFailed);
        }
    }

    /** The machine's move after sending a response with {@code status}. */
    abstract void advance(int status);

    /** The same request arrived again: answer with the last response, if any. */
    abstract void retransmission(SipRequest request);

    /** Whether the transaction still waits for its final response (a CANCEL can still act). */
    public boolean pending() {
        return state == TransactionState.PROCEEDING || state == TransactionState.TRYING;
    }

    @Override
    void transportFailed(Throwable cause) {
        terminate();
    }
}
