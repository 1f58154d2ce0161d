package org.cloudgate.sip.b2bua;

import org.cloudgate.sip.message.SipResponse;
import org.cloudgate.sip.transaction.TimerWheel;
import org.cloudgate.sip.transaction.TransactionTimers;
import org.cloudgate.sip.transport.SipTransport;

import java.util.concurrent.TimeUnit;

/**
 * A 2xx to an INVITE that waits for its ACK. The INVITE server transaction is done once it sent
 * the 2xx; the dialog retransmits it over UDP from T1 doubling up to T2, and ends the call when
 * no ACK came within 64*T1 (RFC 3261 section 13.3.1.4).
 */
final class PendingAnswer {

    private final Dialog dialog;
    private final SipResponse response;
    final long cseq;
    private final TransactionTimers timers;
    private final Runnable onTimeout;
    private TimerWheel.Timer retransmission;
    private final TimerWheel.Timer timeout;
    private long interval;

    /** Takes ownership of {@code response}, already sent once. */
    PendingAnswer(Dialog dialog, SipResponse response, long cseq, TransactionTimers timers, Runnable onTimeout) {
        this.dialog = dialog;
        this.response = response;
        this.cseq = cseq;
        this.timers = timers;
        this.onTimeout = onTimeout;
        CallTable table = dialog.call.table;
        if (!dialog.transport.reliable()) {
            interval = timers.t1Millis();
            retransmission = table.layer.wheel().schedule(this::retransmit, interval, TimeUnit.MILLISECONDS);
        }
        timeout = table.layer.wheel().schedule(this::timedOut, timers.transactionTimeout(), TimeUnit.MILLISECONDS);
    }

    private void retransmit() {
        CallTable table = dialog.call.table;
        dialog.transport.send(dialog.transport.encode(response, table.layer.allocator()), dialog.peer, SipTransport.TransportFailure.IGNORE);
        interval = Math.min(2 * interval, timers.t2Millis());
        retransmission = table.layer.wheel().schedule(this::retransmit, interval, TimeUnit.MILLISECONDS);
    }

    private void timedOut() {
        stop();
        if (dialog.unacknowledged == this) {
            dialog.unacknowledged = null;
        }
        onTimeout.run();
    }

    /** The ACK came, or the call ended: no more retransmissions. */
    void stop() {
        if (retransmission != null) {
            retransmission.cancel();
            retransmission = null;
        }
        timeout.cancel();
        if (response.refCnt() > 0) {
            response.release();
        }
    }
}
