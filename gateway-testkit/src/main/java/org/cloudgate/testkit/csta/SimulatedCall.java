package org.cloudgate.testkit.csta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * One call in the simulated switch: its identifier and each device's connection state, in the
 * order the devices joined (ECMA-269 6.1: a call relates devices through connections).
 */
final class SimulatedCall {

    private final String id;
    private final Map<String, LocalConnectionState> connections = new LinkedHashMap<>();
    private String calling;
    private String called;

    SimulatedCall(String id, String calling, String called) {
        this.id = id;
        this.calling = calling;
        this.called = called;
    }

    String id() {
        return id;
    }

    String calling() {
        return calling;
    }

    String called() {
        return called;
    }

    void redirect(String newCalling, String newCalled) {
        calling = newCalling;
        called = newCalled;
    }

    ConnectionId connection(String device) {
        return new ConnectionId(id, device);
    }

    /** The device's connection state; {@link LocalConnectionState#NULL} when it is not in the call. */
    LocalConnectionState state(String device) {
        return connections.getOrDefault(device, LocalConnectionState.NULL);
    }

    boolean has(String device) {
        return connections.containsKey(device);
    }

    void set(String device, LocalConnectionState state) {
        connections.put(device, state);
    }

    void remove(String device) {
        connections.remove(device);
    }

    List<String> devices() {
        return new ArrayList<>(connections.keySet());
    }

    /** The devices other than {@code device}, in joining order. */
    List<String> others(String device) {
        List<String> others = new ArrayList<>(connections.keySet());
        others.remove(device);
        return others;
    }

    int size() {
        return connections.size();
    }

    /** The compound call state with the device's own connection first (ECMA-269 16.1.3). */
    List<LocalConnectionState> compoundState(String device) {
        List<LocalConnectionState> states = new ArrayList<>();
        states.add(state(device));
        for (String other : others(device)) {
            states.add(connections.get(other));
        }
        return states;
    }
}
