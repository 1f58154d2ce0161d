package org.cloudgate.csta.monitor;

import java.util.HashMap;
import java.util.Map;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage.EventReport;

/**
 * Hands each event report to the listener of the monitor it belongs to. Every event carries
 * the cross reference that MonitorStart returned (ECMA-269 15.1.2), which is the only key
 * needed; reports for unknown cross references (a monitor stopped while events were in
 * flight) are counted.
 *
 * <p>Used on the link's event loop only, so it takes no locks.
 */
public final class EventRouter {

    /** Receives the events of one monitor. */
    @FunctionalInterface
    public interface MonitorListener {
        void onEvent(CstaEvent event);
    }

    private final Map<String, MonitorListener> listeners = new HashMap<>();
    private long unroutable;

    /** Routes the events of the monitor with this cross reference to the listener. */
    public void register(String monitorCrossRefId, MonitorListener listener) {
        listeners.put(monitorCrossRefId, listener);
    }

    /** Stops routing the events of this monitor. */
    public void unregister(String monitorCrossRefId) {
        listeners.remove(monitorCrossRefId);
    }

    /**
     * Delivers one report.
     *
     * @return whether a listener took it
     */
    public boolean dispatch(EventReport report) {
        MonitorListener listener = listeners.get(report.monitorCrossRefId());
        if (listener == null) {
            unroutable++;
            return false;
        }
        listener.onEvent(report.event());
        return true;
    }

    /** How many reports had no listener. */
    public long unroutable() {
        return unroutable;
    }
}
