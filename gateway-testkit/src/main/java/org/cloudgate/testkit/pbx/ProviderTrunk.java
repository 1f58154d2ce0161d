package org.cloudgate.testkit.pbx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The SIP provider behind the PBX's outgoing route: keeps every INVITE routed to it, in order, so
 * that a test can check what the gateway asked the PBX to send out (GSM routing, call-through
 * CLI, Diversion or History-Info, CLIR). Readable from any thread.
 */
public final class ProviderTrunk {

    private final TrunkRoute route;
    private final List<TrunkCall> received = new CopyOnWriteArrayList<>();

    ProviderTrunk(TrunkRoute route) {
        this.route = route;
    }

    public TrunkRoute route() {
        return route;
    }

    void record(TrunkCall call) {
        received.add(call);
    }

    /** Every INVITE sent to the provider so far, oldest first (re-INVITEs of its calls excluded). */
    public List<TrunkCall> received() {
        return List.copyOf(received);
    }
}
