package org.cloudgate.csta.calls;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudgate.csta.control.CallControl;
import org.cloudgate.csta.link.DeviceMonitors;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.SnapshotCall;

/**
 * The call state and presence of every monitored device: monitors each device through
 * {@link DeviceMonitors}, keeps a {@link DeviceCalls} per device, and after each (re)start of a
 * monitor asks the switch for the device's do-not-disturb and forwarding settings
 * (GetDoNotDisturb, GetForwarding; ECMA-269 21.1.5, 21.1.6), which the snapshot does not carry.
 *
 * <p>Keeps a count of devices per {@link Presence} for metrics. {@link #monitor} and
 * {@link #forget} may be called from any thread; listeners are called on the link's event loop.
 */
public final class CallStates {

    private final DeviceMonitors monitors;
    private final CallControl control;
    private final Map<String, DeviceCalls> devices = new ConcurrentHashMap<>();
    private final Map<Presence, AtomicInteger> counts = new EnumMap<>(Presence.class);
    private final List<CallStateListener> listeners = new CopyOnWriteArrayList<>();
    private final CallStateListener fanOut = new FanOut();

    public CallStates(DeviceMonitors monitors, CallControl control) {
        this.monitors = monitors;
        this.control = control;
        for (Presence presence : Presence.values()) {
            counts.put(presence, new AtomicInteger());
        }
    }

    /** Tells the listener about every call and presence change from now on. */
    public void addListener(CallStateListener listener) {
        listeners.add(listener);
    }

    /** Monitors the device and tracks its calls, across reconnects. */
    public void monitor(String device) {
        devices.computeIfAbsent(device, key -> {
            DeviceCalls calls = new DeviceCalls(key, fanOut);
            counts.get(calls.presence()).incrementAndGet();
            monitors.add(key, new Resync(calls));
            return calls;
        });
    }

    /** Stops monitoring the device and forgets its calls. */
    public void forget(String device) {
        DeviceCalls calls = devices.remove(device);
        if (calls != null) {
            monitors.remove(device);
            counts.get(calls.presence()).decrementAndGet();
        }
    }

    /** The device's calls and presence, or {@code null} if it is not monitored. */
    public DeviceCalls device(String device) {
        return devices.get(device);
    }

    /** The device's presence; {@link Presence#AVAILABLE} until its monitor reported otherwise. */
    public Presence presence(String device) {
        DeviceCalls calls = devices.get(device);
        return calls == null ? Presence.AVAILABLE : calls.presence();
    }

    /** How many tracked devices are in this presence state right now. */
    public int count(Presence presence) {
        return counts.get(presence).get();
    }

    /** Refreshes the features the snapshot does not carry, then lets the device's state follow its monitor. */
    private final class Resync implements DeviceMonitors.DeviceListener {

        private final DeviceCalls calls;

        Resync(DeviceCalls calls) {
            this.calls = calls;
        }

        @Override
        public void onEvent(CstaEvent event) {
            calls.onEvent(event);
        }

        @Override
        public void onSnapshot(List<SnapshotCall> snapshot) {
            calls.onSnapshot(snapshot);
            control.getDoNotDisturb(calls.device()).thenAccept(calls::doNotDisturbQueried);
            control.getForwarding(calls.device()).thenAccept(calls::forwardingQueried);
        }
    }

    private final class FanOut implements CallStateListener {
        @Override
        public void callChanged(String device, Call call, EventCause cause) {
            for (CallStateListener listener : listeners) {
                listener.callChanged(device, call, cause);
            }
        }

        @Override
        public void presenceChanged(String device, Presence previous, Presence current) {
            if (devices.containsKey(device)) {
                counts.get(previous).decrementAndGet();
                counts.get(current).incrementAndGet();
            }
            for (CallStateListener listener : listeners) {
                listener.presenceChanged(device, previous, current);
            }
        }
    }
}
