package org.cloudgate.sip.transaction;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import org.cloudgate.sip.codec.SipErrorResponse;
import org.cloudgate.sip.message.NameAddress;
import org.cloudgate.sip.message.SipMessage;
import org.cloudgate.sip.message.SipMethods;
import org.cloudgate.sip.message.SipRequest;
import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transport.SipTransport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The transactions of one event loop (RFC 3261 section 17): matches each received message to its
 * transaction or starts a new one, absorbs retransmissions, answers CANCEL (section 9.2), refuses
 * merged requests with 482 (section 8.2.2.2), and runs every timer on the loop itself: no thread
 * and no lock per transaction.
 *
 * <p>All methods must be called on {@link #loop()}.
 */
public final class TransactionLayer {

    private final EventLoop loop;
    private final int index;
    private final TransactionTimers timers;
    private final TransactionUser user;
    private final TransactionMetrics metrics;
    private final ByteBufAllocator allocator;
    private final Map<TransactionKey, ClientTransaction> clients = new HashMap<>();
    private final Map<TransactionKey, ServerTransaction> servers = new HashMap<>();
    /** Server transactions of requests without a To tag, by origin, to spot merged requests. */
    private final Map<String, ServerTransaction> byOrigin = new HashMap<>();
    /** Transactions that have their outcome and only absorb retransmissions until their timer. */
    private final LingerTable lingering;
    /** The timers of this loop's transactions and calls. */
    private final TimerWheel wheel;

    /**
     * @param index this loop's number among the SIP loops, written into the branches it sends
     *              ({@link Branch#forLoop}) so that responses find their way back here
     */
    public TransactionLayer(EventLoop loop, int index, TransactionTimers timers, TransactionUser user,
                            TransactionMetrics metrics, ByteBufAllocator allocator) {
        this.loop = loop;
        this.index = index;
        this.timers = timers;
        this.user = user;
        this.metrics = metrics;
        this.allocator = allocator;
        this.lingering = new LingerTable(loop, metrics::ended);
        this.wheel = new TimerWheel(loop);
    }

    public EventLoop loop() {
        return loop;
    }

    /** This loop's number among the SIP loops. */
    public int index() {
        return index;
    }

    /** A branch for a request sent from this layer; responses to it are routed back here. */
    public String newBranch() {
        return Branch.forLoop(index);
    }

    /** Where this loop's transactions and calls arm their timers. */
    public TimerWheel wheel() {
        return wheel;
    }

    public TransactionTimers timers() {
        return timers;
    }

    TransactionUser user() {
        return user;
    }

    public ByteBufAllocator allocator() {
        return allocator;
    }

    /** Transactions alive on this loop, client and server, lingering ones included. */
    public int size() {
        return clients.size() + servers.size() + lingering.transactions();
    }

    void assertOnLoop() {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("transactions are used from their event loop only");
        }
    }

    /**
     * Takes a message the transport decoded and accepted, and its source. Ownership passes here:
     * the message is released when its transaction is done with it.
     */
    public void receive(SipMessage message, InetSocketAddress source, SipTransport transport) {
        assertOnLoop();
        if (message.isRequest()) {
            receiveRequest((SipRequest) message, source, transport);
        } else {
            receiveResponse((SipResponse) message, source);
        }
    }

    private void receiveResponse(SipResponse response, InetSocketAddress source) {
        try {
            TransactionKey key = TransactionKey.forClient(response.topVia().branch(), response.cseq().method());
            ClientTransaction transaction = clients.get(key);
            if (transaction == null) {
                receiveLate(key, response, source);
            } else {
                transaction.receive(response);
            }
        } finally {
            response.release();
        }
    }

    /** A response for a transaction that lingers (a retransmission) or for none at all. */
    private void receiveLate(TransactionKey key, SipResponse response, InetSocketAddress source) {
        int slot = lingering.lookup(LingerTable.fingerprint(key));
        if (slot < 0) {
            metrics.stray();
            user.onStrayResponse(response, source);
        } else if (lingering.kind(slot) == LingerTable.ACK_KEPT && response.status() >= 300) {
            lingering.resend(slot);
        }
    }

    private void receiveRequest(SipRequest request, InetSocketAddress source, SipTransport transport) {
        String method = request.method();
        TransactionKey key = TransactionKey.forServer(request, method);
        ServerTransaction existing = servers.get(key);
        if (SipMethods.ACK.equals(method)) {
            try {
                if (existing instanceof InviteServerTransaction invite
                        && invite.state() == TransactionState.COMPLETED) {
                    invite.acknowledged();
                } else if (existing == null ? !acknowledgedFailure(key) : existing.state() == TransactionState.ACCEPTED) {
                    user.onAck(request, source);
                }
            } finally {
                request.release();
            }
            return;
        }
        if (existing != null) {
            metrics.absorbed();
            try {
                existing.retransmission(request);
                user.onRetransmission(request);
            } finally {
                request.release();
            }
            return;
        }
        int slot = lingering.lookup(LingerTable.fingerprint(key));
        if (slot >= 0) {
            metrics.absorbed();
            try {
                if (lingering.kind(slot) == LingerTable.RESPONSE_KEPT) {
                    lingering.resend(slot);
                }
                user.onRetransmission(request);
            } finally {
                request.release();
            }
            return;
        }
        ReceivedAnnotation.annotate(request, source);
        ServerTransaction transaction = SipMethods.INVITE.equals(method)
                ? new InviteServerTransaction(this, key, request, transport, source)
                : new NonInviteServerTransaction(this, key, request, transport, source);
        servers.put(key, transaction);
        metrics.started(false);
        if (SipMethods.CANCEL.equals(method)) {
            cancel(transaction, request);
            return;
        }
        if (merged(transaction, request)) {
            return;
        }
        if (transaction instanceof InviteServerTransaction invite) {
            invite.sendTrying();
        }
        // The user may answer at once, and a transaction with its outcome lets go of its request:
        // the request stays valid for the whole call, as TransactionUser promises.
        request.retain();
        try {
            user.onRequest(transaction, request);
        } finally {
            request.release();
        }
    }

    /** Whether an ACK is for a failure already acknowledged (RFC 3261 section 17.2.1, Confirmed). */
    private boolean acknowledgedFailure(TransactionKey key) {
        int slot = lingering.lookup(LingerTable.fingerprint(key));
        return slot >= 0 && lingering.kind(slot) == LingerTable.INVITE_CONFIRMED;
    }

    /**
     * RFC 3261 section 9.2: 200 to a CANCEL that matches an INVITE (which only a pending INVITE
     * acts on), 481 otherwise.
     */
    private void cancel(ServerTransaction cancelTransaction, SipRequest cancel) {
        TransactionKey cancelled = TransactionKey.cancelled(cancel);
        ServerTransaction invite = servers.get(cancelled);
        if (invite == null && lingering.lookup(LingerTable.fingerprint(cancelled)) >= 0) {
            answer(cancelTransaction, 200, "OK");   // too late: the INVITE has its final response
            return;
        }
        if (invite == null) {
            metrics.unmatchedCancel();
            answer(cancelTransaction, 481, "Call/Transaction Does Not Exist");
            return;
        }
        cancel.retain();   // answering the CANCEL lets its transaction go of it
        try {
            answer(cancelTransaction, 200, "OK");
            if (invite.pending()) {
                user.onCancel(invite, cancel);
            }
        } finally {
            cancel.release();
        }
    }

    /**
     * RFC 3261 section 8.2.2.2: a request without To tag whose From tag, Call-ID and CSeq match a
     * transaction in progress, but which arrived with another branch, took a second path here.
     */
    private boolean merged(ServerTransaction transaction, SipRequest request) {
        NameAddress to = request.to();
        if (to == null || to.tag() != null) {
            return false;
        }
        NameAddress from = request.from();
        String origin = request.callId() + '|' + (from == null ? "" : from.tag()) + '|' + request.cseq().number()
                + '|' + request.cseq().method();
        ServerTransaction first = byOrigin.putIfAbsent(origin, transaction);
        if (first == null && lingering.lookup(LingerTable.fingerprint(origin)) < 0) {
            transaction.origin = origin;
            return false;
        }
        if (first == null) {
            byOrigin.remove(origin, transaction);
        }
        metrics.merged();
        answer(transaction, 482, "Loop Detected");
        return true;
    }

    private static void answer(ServerTransaction transaction, int status, String reason) {
        SipResponse response = SipErrorResponse.of(transaction.request(), status, reason);
        try {
            transaction.respond(response);
        } finally {
            response.release();
        }
    }

    /**
     * Sends {@code request} (ownership passes here) in a new client transaction. The top Via must
     * carry a branch from {@link #newBranch()}, unique to this request.
     */
    public ClientTransaction send(SipRequest request, InetSocketAddress destination, SipTransport transport,
                                  ResponseListener listener) {
        assertOnLoop();
        String method = request.method();
        if (SipMethods.ACK.equals(method)) {
            request.release();
            throw new IllegalArgumentException("an ACK is not sent in a transaction of its own");
        }
        TransactionKey key = TransactionKey.forClient(request.topVia().branch(), method);
        ClientTransaction transaction = SipMethods.INVITE.equals(method)
                ? new InviteClientTransaction(this, key, request, transport, destination, listener)
                : new NonInviteClientTransaction(this, key, request, transport, destination, listener);
        if (clients.putIfAbsent(key, transaction) != null) {
            request.release();
            throw new IllegalArgumentException("branch " + key.branch() + " is already in use for " + method);
        }
        metrics.started(true);
        transaction.start();
        return transaction;
    }

    void sendCancel(InviteClientTransaction invite, ResponseListener listener) {
        send(ControlRequests.cancelFor(invite.request()), invite.peer, invite.transport, listener);
    }

    /**
     * Called by a transaction with its outcome: from now on its key (and the origin of a request
     * without To tag) is matched in the linger table until {@code deadlineNanos}. {@code kept},
     * the bytes it answers retransmissions with, passes to the table.
     */
    void retire(Transaction transaction, byte kind, ByteBuf kept, long durationMillis, long deadlineNanos) {
        boolean removed = transaction instanceof ServerTransaction
                ? servers.remove(transaction.key, transaction)
                : clients.remove(transaction.key, transaction);
        if (!removed) {
            if (kept != null) {
                kept.release();
            }
            return;
        }
        if (transaction instanceof ServerTransaction server && server.origin != null) {
            byOrigin.remove(server.origin, server);
            lingering.put(LingerTable.fingerprint(server.origin), LingerTable.ORIGIN, null, durationMillis,
                    deadlineNanos);
            server.origin = null;
        }
        lingering.put(LingerTable.fingerprint(transaction.key), kind,
                kept == null ? null : lingering.keep(kept, transaction.transport, transaction.peer),
                durationMillis, deadlineNanos);
    }

    /** Called by a transaction as it terminates. */
    void forget(Transaction transaction) {
        boolean removed;
        if (transaction instanceof ServerTransaction server) {
            removed = servers.remove(server.key, server);
            if (server.origin != null) {
                byOrigin.remove(server.origin, server);
            }
        } else {
            removed = clients.remove(transaction.key, transaction);
        }
        if (removed) {
            metrics.ended();
        }
    }

    /**
     * Ends every transaction of this loop and frees what it holds (the requests and the responses
     * kept for retransmission): the stack is closing and nothing will be sent again. On the loop.
     */
    public void terminateAll() {
        assertOnLoop();
        for (Transaction transaction : new ArrayList<Transaction>(servers.values())) {
            transaction.terminate();
        }
        for (Transaction transaction : new ArrayList<Transaction>(clients.values())) {
            transaction.terminate();
        }
        lingering.clear();
        wheel.clear();
    }

    void timedOut() {
        metrics.timedOut();
    }
}
