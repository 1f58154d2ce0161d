package org.cloudgate.sip.transaction;

import io.netty.buffer.ByteBuf;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * What the four machines of RFC 3261 section 17 share: the request that made the transaction, the
 * peer and transport, the encoded message to retransmit, and at most two running timers. Every
 * method runs on the event loop of the owning {@link TransactionLayer}; there are no locks.
 */
abstract class Transaction {

    final TransactionLayer layer;
    final TransactionKey key;
    /** The request, until the transaction only lingers to absorb retransmissions ({@link #retire}). */
    SipRequest request;
    final SipTransport transport;
    final InetSocketAddress peer;
    TransactionState state;
    private TimerWheel.Timer retransmitTimer;
    private TimerWheel.Timer timeoutTimer;
    /** The bytes last sent by this transaction, kept for retransmission; released at the end. */
    private ByteBuf lastSent;
    /** Handed to the layer's linger table: no longer matched here, its timers stopped. */
    boolean retired;

    Transaction(TransactionLayer layer, TransactionKey key, SipRequest request, SipTransport transport,
                InetSocketAddress peer, TransactionState initial) {
        this.layer = layer;
        this.key = key;
        this.request = request;
        this.transport = transport;
        this.peer = peer;
        this.state = initial;
    }

    public TransactionState state() {
        return state;
    }

    /**
     * The request that made the transaction, or {@code null} once the transaction has its final
     * outcome and only lingers to absorb retransmissions.
     */
    public SipRequest request() {
        return request;
    }

    /**
     * The final outcome is out: what remains until the timer of the state fires (up to 64*T1
     * over UDP) is matching retransmissions by the key, which the layer's {@link LingerTable}
     * does in a few dozen bytes. The timers stop, the request is let go, and the bytes last sent
     * go to the table if {@code kind} answers with them. A zero duration (timers of a reliable
     * transport) ends the transaction at once. The object stays usable by whoever holds it: a
     * dialog resends its 2xx through {@link ServerTransaction#respond} until the ACK.
     */
    void retire(byte kind, long durationMillis) {
        retireUntil(kind, durationMillis,
                layer.loop().ticker().nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMillis));
    }

    /** {@link #retire} with the deadline given: the state's timer started earlier. */
    void retireUntil(byte kind, long durationMillis, long deadlineNanos) {
        if (durationMillis <= 0) {
            terminate();
            return;
        }
        if (retired || state == TransactionState.TERMINATED) {
            return;
        }
        retired = true;
        stopTimers();
        releaseRequest();
        ByteBuf kept = null;
        if (kind == LingerTable.RESPONSE_KEPT || kind == LingerTable.ACK_KEPT) {
            kept = lastSent;
        } else if (lastSent != null) {
            lastSent.release();
        }
        lastSent = null;
        layer.retire(this, kind, kept, durationMillis, deadlineNanos);
    }

    boolean reliable() {
        return transport.reliable();
    }

    /** Sends {@code encoded} and keeps it for {@link #resend()}. */
    void sendAndKeep(ByteBuf encoded) {
        if (lastSent != null) {
            lastSent.release();
        }
        lastSent = encoded;
        resend();
    }

    void resend() {
        if (lastSent != null) {
            transport.send(lastSent.retainedDuplicate(), peer, this::transportFailed);
        }
    }

    /** RFC 3261 section 17.1.4 / 17.2.4: a transport error ends the transaction. */
    abstract void transportFailed(Throwable cause);

    void startRetransmitTimer(long delayMillis, Runnable action) {
        cancelRetransmitTimer();
        retransmitTimer = layer.wheel().schedule(action, delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Schedules the next retransmission {@code offsetMillis} after {@code sinceNanos} rather than
     * after the previous one, so that late timer ticks do not add up over a transaction.
     */
    void startRetransmitTimerAt(long sinceNanos, long offsetMillis, Runnable action) {
        cancelRetransmitTimer();
        retransmitTimer = layer.wheel().scheduleAt(action, sinceNanos + TimeUnit.MILLISECONDS.toNanos(offsetMillis));
    }

    /** Cancels the retransmission timer and the state's timeout. */
    private void stopTimers() {
        cancelRetransmitTimer();
        if (timeoutTimer != null) {
            timeoutTimer.cancel();
            timeoutTimer = null;
        }
    }

    void cancelRetransmitTimer() {
        if (retransmitTimer != null) {
            retransmitTimer.cancel();
            retransmitTimer = null;
        }
    }

    /** Arms the state's timeout; zero (a reliable transport's timers D, I, J and K) fires at once. */
    void startTimeout(long delayMillis, Runnable action) {
        if (timeoutTimer != null) {
            timeoutTimer.cancel();
        }
        if (delayMillis <= 0) {
            timeoutTimer = null;
            action.run();
        } else {
            timeoutTimer = layer.wheel().schedule(action, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Moves to Terminated, stops every timer, forgets the transaction and frees what it held. */
    void terminate() {
        if (state == TransactionState.TERMINATED) {
            return;
        }
        state = TransactionState.TERMINATED;
        stopTimers();
        layer.forget(this);
        if (lastSent != null) {
            lastSent.release();
            lastSent = null;
        }
        releaseRequest();
    }

    /** Lets go of the request once nothing will be built from it any more. */
    void releaseRequest() {
        if (request != null) {
            request.release();
            request = null;
        }
    }
}
