package org.cloudgate.csta.link;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudgate.csta.model.CstaError;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.csta.model.CstaResult;
import org.cloudgate.csta.model.SnapshotCall;
import org.cloudgate.csta.monitor.EventRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a set of devices monitored over a {@link CstaLink}: MonitorStart for each device
 * whenever the session comes up (ECMA-269 15.1.2), then SnapshotDevice (16.1.3) so the listener
 * can rebuild the calls in progress; MonitorStop when a device is removed.
 *
 * <p>A device refused with {@code overallMonitorLimitExceeded} (the PBX has too few CSTA
 * licences) is logged for the operator, counted in {@code cloudgate.csta.monitors.refused} and tried
 * again after the retry interval. {@code cloudgate.csta.monitors.active} counts the devices monitored.
 *
 * <p>All state is kept on the link's event loop; {@link #add} and {@link #remove} may be called
 * from any thread.
 */
public final class DeviceMonitors {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceMonitors.class);

    /** What the owner of a monitored device learns. */
    public interface DeviceListener {
        /** An event of the device's monitor. */
        void onEvent(CstaEvent event);

        /** The calls the device is in, after each (re)start of its monitor. */
        void onSnapshot(List<SnapshotCall> calls);
    }

    private final CstaLink link;
    private final EventRouter router;
    private final Duration retryInterval;
    private final Map<String, DeviceListener> devices = new HashMap<>();
    private final Map<String, String> crossRefs = new HashMap<>();
    private final Set<String> starting = new HashSet<>();
    private final Set<String> refusedDevices = new HashSet<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public DeviceMonitors(CstaLink link, EventRouter router, MeterRegistry registry, Duration retryInterval) {
        this.link = link;
        this.router = router;
        this.retryInterval = retryInterval;
        Gauge.builder("cloudgate.csta.monitors.active", active, AtomicInteger::get)
                .description("Devices monitored over the CSTA link")
                .register(registry);
        Gauge.builder("cloudgate.csta.monitors.refused", refused, AtomicInteger::get)
                .description("Devices the PBX refuses to monitor (monitor limit: too few CSTA licences)")
                .register(registry);
        link.addStateListener(this::linkChanged);
    }

    /** Devices the PBX refuses to monitor right now (monitor limit); any thread. */
    public int refusedCount() {
        return refused.get();
    }

    /** Devices monitored right now; any thread. */
    public int activeCount() {
        return active.get();
    }

    /** Monitors a device from now on, across reconnects. */
    public void add(String device, DeviceListener listener) {
        link.execute(() -> {
            devices.put(device, listener);
            start(device);
        });
    }

    /** Stops monitoring a device. */
    public void remove(String device) {
        link.execute(() -> {
            devices.remove(device);
            setRefused(device, false);
            String crossRef = crossRefs.remove(device);
            if (crossRef != null) {
                router.unregister(crossRef);
                active.set(crossRefs.size());
                link.invoke(new CstaRequest.MonitorStop(crossRef));
            }
        });
    }

    private void linkChanged(LinkState state) {
        if (state == LinkState.UP) {
            for (String device : List.copyOf(devices.keySet())) {
                start(device);
            }
        } else if (state == LinkState.DOWN) {
            for (String crossRef : crossRefs.values()) {
                router.unregister(crossRef);
            }
            crossRefs.clear();
            active.set(0);
        }
    }

    private void start(String device) {
        if (link.state() != LinkState.UP || !devices.containsKey(device) || crossRefs.containsKey(device)
                || !starting.add(device)) {
            return;
        }
        link.invoke(new CstaRequest.MonitorStart(device)).whenComplete((result, failure) -> {
            starting.remove(device);
            DeviceListener listener = devices.get(device);
            if (failure != null) {
                failed(device, failure);
            } else if (listener == null) {
                link.invoke(new CstaRequest.MonitorStop(((CstaResult.MonitorStartResult) result).monitorCrossRefId()));
            } else {
                setRefused(device, false);
                String crossRef = ((CstaResult.MonitorStartResult) result).monitorCrossRefId();
                crossRefs.put(device, crossRef);
                router.register(crossRef, listener::onEvent);
                active.set(crossRefs.size());
                snapshot(device, listener);
            }
        });
    }

    private void snapshot(String device, DeviceListener listener) {
        link.invoke(new CstaRequest.SnapshotDevice(device)).whenComplete((result, failure) -> {
            if (result instanceof CstaResult.SnapshotDeviceResult snapshot && devices.get(device) == listener) {
                listener.onSnapshot(snapshot.calls());
            }
        });
    }

    private void failed(String device, Throwable failure) {
        if (failure instanceof CstaRequestException e && CstaError.OVERALL_MONITOR_LIMIT_EXCEEDED.equals(e.error())) {
            if (!refusedDevices.contains(device)) {
                LOG.warn("PBX refused to monitor device {}: overall monitor limit exceeded, too few CSTA licences;"
                        + " retrying every {} s", device, retryInterval.toSeconds());
            }
            setRefused(device, true);
        }
        link.schedule(() -> start(device), retryInterval);
    }

    private void setRefused(String device, boolean isRefused) {
        if (isRefused) {
            refusedDevices.add(device);
        } else {
            refusedDevices.remove(device);
        }
        refused.set(refusedDevices.size());
    }
}
