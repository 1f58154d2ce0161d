package org.cloudgate.distribution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code cloudgate demo} as a newcomer uses it: start it, read what it prints, and point a real
 * softphone (baresip, from Debian) at it. The softphone registers with the account line the demo
 * printed and calls the echo extension; audio comes back.
 */
@Timeout(120)
class DemoIT {

    private static final Pattern ACCOUNT = Pattern.compile("\\n\\s+(<sip:201@[^>]+>;auth_pass=\\S+)\\n");
    private static final Pattern ECHO = Pattern.compile("\\n\\s+(\\d+)\\s+Echo: ");
    private static final Pattern AUDIO_BOTH_WAYS = Pattern.compile("audio=[1-9]\\d*/[1-9]\\d* \\(bit/s\\)");

    @TempDir
    Path dir;

    @Test
    void aSoftphoneFollowingWhatTheDemoPrintsCallsTheEchoExtensionAndHearsItselfBack() throws Exception {
        int sip = freePort();
        Path overrides = Files.writeString(dir.resolve("ports.conf"), """
                cloudgate {
                  sip { udp.port = %d, tcp.port = %d }
                  admin.port = 0
                  pbx.port = %d
                  csta.port = %d
                }
                """.formatted(sip, sip, freePort(), freePort()));
        try (CloudgateProcess demo = CloudgateProcess.start(dir, "demo", "--config", overrides.toString())) {
            String admin = demo.awaitReady();
            await().atMost(Duration.ofSeconds(10)).until(() -> demo.output().contains("Stop with Ctrl-C"));
            String guide = demo.output();
            Matcher account = ACCOUNT.matcher(guide);
            Matcher echo = ECHO.matcher(guide);
            assertThat(account.find()).as(guide).isTrue();
            assertThat(echo.find()).as(guide).isTrue();
            assertThat(account.group(1)).startsWith("<sip:201@127.0.0.1:" + sip + ">");

            String softphone = baresip(account.group(1), "/dial " + echo.group(1));
            assertThat(softphone).as(softphone + demo.output()).contains("Call established: sip:" + echo.group(1));
            assertThat(AUDIO_BOTH_WAYS.matcher(softphone).find()).as(softphone).isTrue();
            assertThat(demo.output()).contains("registering the terminal of user 201 toward the PBX");
            // The audio went through the gateway's relay ("indirect switching"), both ways.
            String metrics = CloudgateProcess.scrape(admin);
            assertThat(relayed(metrics, "cloud")).as(metrics).isGreaterThan(10);
            assertThat(relayed(metrics, "pbx")).as(metrics).isGreaterThan(10);
            assertThat(demo.output()).containsPattern("media of call \\S+: area default, \\d+ ms; from the PBX \\d+ packets");
            // The demo's PBX runs its CSTA service too: both users' devices are monitored.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(CloudgateProcess.scrape(admin))
                    .contains("cloudgate_csta_link_state 2.0", "cloudgate_csta_monitors_active 2.0"));
        }
    }

    /** {@code cloudgate_rtp_relayed_total} of one side: datagrams received there and sent on. */
    private static double relayed(String metrics, String side) {
        return CloudgateProcess.sample(metrics, "cloudgate_rtp_relayed_total{side=\"" + side + "\"}");
    }

    /** Runs baresip headless for a few seconds with one account and one command; returns its output. */
    private String baresip(String account, String command) throws Exception {
        Path config = Files.createDirectories(dir.resolve("baresip"));
        Files.writeString(config.resolve("config"), """
                poll_method		epoll
                sip_listen		127.0.0.1:%d
                module_path		/usr/lib/baresip/modules
                module			g711.so
                module			ausine.so
                module			aufile.so
                module_app		account.so
                module_app		menu.so
                audio_source		ausine,440
                audio_player		aufile,%s
                audio_alert		aufile,/dev/null
                ausrc_srate		48000
                ausrc_channels		2
                auplay_srate		48000
                auplay_channels		2
                """.formatted(freePort(), dir.resolve("received.wav")));
        Files.writeString(config.resolve("accounts"), account + ";regint=600\n");
        Path output = dir.resolve("baresip.out");
        Process process = new ProcessBuilder("baresip", "-f", config.toString(), "-e", command, "-t", "8")
                .redirectInput(new File("/dev/null")).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("baresip did not stop:\n" + Files.readString(output));
        }
        return Files.readString(output);
    }

    /** A port free for UDP and TCP on loopback. */
    private static int freePort() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (java.net.SocketException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP");
    }
}
