package org.cloudgate.bench.csta;

import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.monitor.EventRouter;

/**
 * What a monitor's listener does per event in the benchmark: looks at the event type and the
 * connection state, as the call-state tracker will, and keeps a per-device tally.
 */
final class PresenceTally implements EventRouter.MonitorListener {

    private int ringing;
    private int busy;
    private int held;
    private int idle;

    @Override
    public void onEvent(CstaEvent event) {
        switch (event.type()) {
            case DELIVERED -> ringing++;
            case ESTABLISHED, RETRIEVED, ORIGINATED, SERVICE_INITIATED -> busy++;
            case HELD -> held++;
            case CONNECTION_CLEARED, CALL_CLEARED -> idle++;
            default -> {
                // other events do not change presence here
            }
        }
    }

    int total() {
        return ringing + busy + held + idle;
    }
}
