package org.cloudgate.testkit.csta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.cloudgate.csta.calls.CallStates;
import org.cloudgate.csta.calls.Presence;
import org.cloudgate.csta.control.CallControl;
import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.csta.link.CstaLink;
import org.cloudgate.csta.link.CstaLinkSettings;
import org.cloudgate.csta.link.DeviceMonitors;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.monitor.EventRouter;
import org.cloudgate.csta.xml.XmlNamespaces;
import org.cloudgate.testkit.capture.Tshark;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A CSTA session as a protocol analyser sees it: tshark captures a session between the gateway's
 * link and the simulated PBX on the loopback interface, then decodes the port as BER or XML
 * ({@code -d tcp.port==PORT,ber} / {@code ,xml}) and must find no malformed packet and no
 * error-level expert finding. Skipped where tshark is not installed or cannot capture.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CstaTsharkIT {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(CstaEncoding.class)
    void tsharkFindsNoMalformedPacketInASession(CstaEncoding encoding, @TempDir Path dir) throws Exception {
        assumeThat(Tshark.installed()).as("tshark installed").isTrue();
        Path capture = dir.resolve("csta.pcap");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (SimulatedCstaService pbx = new SimulatedCstaService(encoding, "secret",
                new SimulatedSwitch(List.of("201", "202", "203"), 10)).start()) {
            Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "tcp port " + pbx.port(),
                    "-a", "duration:60", "-P", "-w", capture.toString()).redirectErrorStream(true).start();
            try {
                assumeThat(Tshark.awaitCapturing(tshark)).as("tshark can capture on lo").isTrue();
                awaitFirstPacket(tshark, pbx.port());
                EventRouter router = new EventRouter();
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                CstaLink link = new CstaLink(new CstaLinkSettings("127.0.0.1", pbx.port(), encoding, "cloudgate",
                        "secret", XmlNamespaces.ED5, Duration.ofSeconds(2), Duration.ofSeconds(30),
                        Duration.ofMillis(50), Duration.ofMillis(500), CstaLinkSettings.DEFAULT_MAX_FRAME_LENGTH),
                        group, router, registry);
                DeviceMonitors monitors = new DeviceMonitors(link, router, registry, Duration.ofSeconds(1));
                CallControl control = new CallControl(link);
                CallStates states = new CallStates(monitors, control);
                for (String device : List.of("201", "202", "203")) {
                    states.monitor(device);
                }
                link.start();
                await().atMost(WITHIN).until(() -> monitors.activeCount() == 3);

                ConnectionId call = control.makeCall("201", "202").get(5, TimeUnit.SECONDS);
                await().atMost(WITHIN).until(() -> states.presence("202") == Presence.RINGING);
                control.answerCall(states.device("202").calls().get(0).connection()).get(5, TimeUnit.SECONDS);
                control.holdCall(call).get(5, TimeUnit.SECONDS);
                control.retrieveCall(call).get(5, TimeUnit.SECONDS);
                control.singleStepTransfer(call, "203").get(5, TimeUnit.SECONDS);
                await().atMost(WITHIN).until(() -> states.presence("203") == Presence.RINGING);
                control.setForwarding("201", ForwardingType.FORWARD_IMMEDIATE, true, "0791234567")
                        .get(5, TimeUnit.SECONDS);
                control.setDoNotDisturb("202", true).get(5, TimeUnit.SECONDS);
                control.getForwarding("201").get(5, TimeUnit.SECONDS);
                await().atMost(WITHIN).until(() -> states.presence("201") == Presence.FORWARDED);
                link.stop().get(5, TimeUnit.SECONDS);
            } finally {
                tshark.destroy();
                tshark.waitFor(10, TimeUnit.SECONDS);
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
            String protocol = encoding.name().toLowerCase(Locale.ROOT);
            String decodeAs = "tcp.port==" + pbx.port() + "," + protocol;
            List<String> decoded = Tshark.read("-r", capture.toString(), "-d", decodeAs, "-Y", "tcp.len > 0",
                    "-T", "fields", "-e", "_ws.col.Protocol");
            List<String> problems = Tshark.read("-r", capture.toString(), "-d", decodeAs,
                    "-Y", "_ws.malformed || _ws.expert.severity >= error");

            // a frame that only carries the start of a message shows as TCP until tshark reassembles it
            assertThat(decoded).as("frames with payload")
                    .allMatch(column -> column.equals("TCP") || column.toLowerCase(Locale.ROOT).endsWith(protocol),
                            "decoded as " + protocol + " or part of a reassembled message")
                    .filteredOn(column -> column.toLowerCase(Locale.ROOT).endsWith(protocol)).hasSizeGreaterThan(10);
            assertThat(problems).isEmpty();
        }
    }

    /**
     * The capture filter may start a little after tshark says it captures: connect until tshark
     * prints the first packet to the port, so that the session is captured from its first byte.
     */
    private static void awaitFirstPacket(Process tshark, int port) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(tshark.getInputStream(), StandardCharsets.UTF_8));
        while (!out.ready()) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                probe.setSoLinger(true, 0);
            }
            Thread.sleep(100);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // tshark prints every captured packet; nobody reads them
                }
            } catch (IOException e) {
                // tshark ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }
}
