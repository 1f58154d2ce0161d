package org.cloudgate.csta.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.csta.model.SnapshotCall;
import org.cloudgate.csta.monitor.EventRouter;
import org.cloudgate.csta.xml.XmlNamespaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link DeviceMonitors} over a real link: monitor, snapshot, refusal, resync after reconnect. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeviceMonitorsIT {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventRouter router = new EventRouter();
    private final List<CstaEvent> events = new CopyOnWriteArrayList<>();
    private final List<List<SnapshotCall>> snapshots = new CopyOnWriteArrayList<>();
    private CstaTestServer server;
    private CstaLink link;

    @AfterEach
    void stop() throws Exception {
        link.stop().get(5, TimeUnit.SECONDS);
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private long monitorStarts(String device) {
        return server.received().stream().filter(m -> m instanceof CstaMessage.Invoke i
                && i.request().equals(new CstaRequest.MonitorStart(device))).count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void monitorsSnapshotsAndResyncsAfterReconnect(CstaEncoding encoding) throws Exception {
        server = new CstaTestServer(encoding);
        link = new CstaLink(new CstaLinkSettings("127.0.0.1", server.port(), encoding, "cloudgate",
                CstaTestServer.PASSWORD, XmlNamespaces.ED5, Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofMillis(50), Duration.ofMillis(200), CstaLinkSettings.DEFAULT_MAX_FRAME_LENGTH),
                group, router, registry);
        DeviceMonitors monitors = new DeviceMonitors(link, router, registry, Duration.ofMillis(300));
        DeviceMonitors.DeviceListener listener = new DeviceMonitors.DeviceListener() {
            @Override
            public void onEvent(CstaEvent event) {
                events.add(event);
            }

            @Override
            public void onSnapshot(List<SnapshotCall> calls) {
                snapshots.add(calls);
            }
        };
        monitors.add("201", listener);
        monitors.add("999", listener);
        link.start();

        await().atMost(WITHIN).until(() -> snapshots.size() == 1 && events.size() == 1);
        assertThat(gauge("cloudgate.csta.monitors.active")).isEqualTo(1.0);
        await().atMost(WITHIN).until(() -> gauge("cloudgate.csta.monitors.refused") == 1.0 && monitorStarts("999") >= 2);

        server.dropConnections();
        await().atMost(WITHIN).until(() -> monitorStarts("201") == 2 && snapshots.size() == 2 && events.size() == 2);
        assertThat(gauge("cloudgate.csta.monitors.active")).isEqualTo(1.0);

        monitors.remove("201");
        await().atMost(WITHIN).until(() -> server.received().stream().anyMatch(m -> m instanceof CstaMessage.Invoke i
                && i.request().equals(new CstaRequest.MonitorStop("M201"))));
        await().atMost(WITHIN).until(() -> gauge("cloudgate.csta.monitors.active") == 0.0);
    }
}
