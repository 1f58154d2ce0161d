package org.cloudgate.core.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP, which the JVM otherwise treats as a request to exit, triggers a configuration reload;
 * {@code systemctl reload} sends it. SIGTERM and SIGINT keep the JVM's handling, which runs the
 * shutdown hook that drains the daemon.
 */
public final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    public static void onHangup(Runnable action) {
        try {
            Signal.handle(new Signal("HUP"), signal -> action.run());
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIGHUP on this platform ({}); reload needs a restart", e.getMessage());
        }
    }
}
