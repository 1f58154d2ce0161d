package org.cloudgate.sip.b2bua;

import org.cloudgate.sip.transaction.TimerWheel;

import java.util.concurrent.TimeUnit;

/**
 * The session timer of one dialog (RFC 4028 section 10): when the gateway is the refresher, it
 * sends a refresh at half the interval; when the peer is, the gateway ends the call if no refresh
 * came by the interval minus a third of it (at most 32 s, section 10).
 */
final class SessionTimer {

    private final Dialog dialog;
    long intervalSeconds;
    boolean gatewayRefreshes;
    private TimerWheel.Timer task;

    SessionTimer(Dialog dialog, long intervalSeconds, boolean gatewayRefreshes) {
        this.dialog = dialog;
        this.intervalSeconds = intervalSeconds;
        this.gatewayRefreshes = gatewayRefreshes;
    }

    /** (Re)starts the timer: at the answer, and after every successful refresh. */
    void restart() {
        stop();
        long millis = TimeUnit.SECONDS.toMillis(intervalSeconds);
        long delay = gatewayRefreshes ? millis / 2 : millis - Math.min(32_000, millis / 3);
        task = dialog.call.table.layer.wheel().schedule(this::fire, delay, TimeUnit.MILLISECONDS);
    }

    private void fire() {
        task = null;
        if (gatewayRefreshes) {
            dialog.call.refresh(dialog);
        } else {
            dialog.call.hangUp("session expired: no refresh within the session interval");
        }
    }

    /** The value of Session-Expires in the gateway's requests and responses of this dialog. */
    String sessionExpires(boolean gatewayIsUac) {
        String refresher = gatewayRefreshes == gatewayIsUac ? "uac" : "uas";
        return intervalSeconds + ";refresher=" + refresher;
    }

    void stop() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }
}
