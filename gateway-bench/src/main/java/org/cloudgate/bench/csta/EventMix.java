package org.cloudgate.bench.csta;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaMessage.EventReport;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * A realistic stream of events for a PBX with many monitored extensions: whole calls, each
 * seen by the monitors of both parties (originated, delivered, established, sometimes a hold
 * and retrieve or a transfer, then connection cleared and call cleared), across many devices
 * and call identifiers.
 */
final class EventMix {

    private EventMix() {
    }

    /**
     * @param monitors how many monitored devices (extensions 2000 and up, cross references M0, M1...)
     * @param events how many reports to produce at least
     */
    static List<CstaMessage> generate(int monitors, int events, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CstaMessage> reports = new ArrayList<>(events + 16);
        int call = 1000;
        while (reports.size() < events) {
            int a = random.nextInt(monitors);
            int b = (a + 1 + random.nextInt(monitors - 1)) % monitors;
            String callId = Integer.toString(call++);
            String caller = device(a);
            String callee = device(b);
            ConnectionId callerLeg = new ConnectionId(callId, caller);
            ConnectionId calleeLeg = new ConnectionId(callId, callee);
            add(reports, a, new CstaEvent.ServiceInitiated(callerLeg, caller, LocalConnectionState.INITIATED,
                    EventCause.NEW_CALL));
            add(reports, a, new CstaEvent.Originated(callerLeg, caller, callee, LocalConnectionState.CONNECTED,
                    EventCause.NEW_CALL));
            for (int m : new int[] {a, b}) {
                add(reports, m, new CstaEvent.Delivered(calleeLeg, callee, caller, callee, null,
                        m == b ? LocalConnectionState.ALERTING : LocalConnectionState.CONNECTED, EventCause.NEW_CALL));
            }
            for (int m : new int[] {a, b}) {
                add(reports, m, new CstaEvent.Established(calleeLeg, callee, caller, callee, null,
                        LocalConnectionState.CONNECTED, EventCause.NEW_CALL));
            }
            if (random.nextInt(4) == 0) {
                for (int m : new int[] {a, b}) {
                    add(reports, m, new CstaEvent.Held(calleeLeg, callee,
                            m == b ? LocalConnectionState.HOLD : LocalConnectionState.CONNECTED, EventCause.NORMAL));
                }
                for (int m : new int[] {a, b}) {
                    add(reports, m, new CstaEvent.Retrieved(calleeLeg, callee, LocalConnectionState.CONNECTED,
                            EventCause.NORMAL));
                }
            }
            for (int m : new int[] {a, b}) {
                add(reports, m, new CstaEvent.ConnectionCleared(callerLeg, caller,
                        m == a ? LocalConnectionState.NULL : LocalConnectionState.CONNECTED,
                        EventCause.NORMAL_CLEARING));
            }
            add(reports, b, new CstaEvent.CallCleared(new ConnectionId(callId, null), EventCause.NORMAL_CLEARING));
        }
        return reports;
    }

    static String device(int monitor) {
        return Integer.toString(2000 + monitor);
    }

    static String crossRef(int monitor) {
        return "M" + monitor;
    }

    private static void add(List<CstaMessage> reports, int monitor, CstaEvent event) {
        reports.add(new EventReport(CstaMessage.EVENT_INVOKE_ID, crossRef(monitor), event));
    }
}
