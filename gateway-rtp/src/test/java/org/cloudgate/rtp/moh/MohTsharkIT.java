package org.cloudgate.rtp.moh;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.cloudgate.rtp.relay.DatagramTransport;
import org.cloudgate.testkit.capture.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Music on hold as a protocol analyser sees it: tshark captures the player's packets on the
 * loopback interface and must decode every one as RTP version 2, PCMU, without malformed-packet
 * or error-level expert findings. Skipped where tshark is not installed or cannot capture.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MohTsharkIT {

    private static final int PACKETS = 25;

    @Test
    void tsharkDecodesMusicOnHoldAsRtp(@TempDir Path dir) throws Exception {
        assumeTrue(Tshark.installed(), "tshark not installed");
        Path capture = dir.resolve("moh.pcap");
        DatagramTransport transport = DatagramTransport.start(1, true);
        try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = held.getLocalPort();
            Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "udp and dst port " + port,
                    "-c", Integer.toString(PACKETS), "-a", "duration:20", "-w", capture.toString())
                    .redirectErrorStream(true).start();
            assumeTrue(Tshark.awaitCapturing(tshark), "tshark cannot capture on lo");
            Channel channel = new Bootstrap().group(transport.group()).channel(transport.channel())
                    .handler(new ChannelInboundHandlerAdapter())
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            MohPlayer player = new MohPlayer(channel, (InetSocketAddress) held.getLocalSocketAddress(),
                    MohSource.builtIn());
            player.start();
            assertThat(tshark.waitFor(25, TimeUnit.SECONDS)).isTrue();
            player.stop();
            channel.close().sync();

            List<String> rows = Tshark.read("-r", capture.toString(), "-d", "udp.port==" + port + ",rtp",
                    "-T", "fields", "-E", "separator=,", "-e", "rtp.version", "-e", "rtp.p_type",
                    "-e", "rtp.marker", "-e", "rtp.seq", "-e", "rtp.ssrc");
            List<String> problems = Tshark.read("-r", capture.toString(), "-d", "udp.port==" + port + ",rtp",
                    "-Y", "!rtp || _ws.malformed || _ws.expert.severity >= error");

            assertThat(rows).hasSize(PACKETS);
            assertThat(problems).isEmpty();
            int firstSeq = Integer.parseInt(rows.get(0).split(",")[3]);
            for (int i = 0; i < rows.size(); i++) {
                String[] f = rows.get(i).split(",");
                assertThat(f[0]).isEqualTo("2");
                assertThat(f[1]).isEqualTo("0");
                assertThat(f[2]).isIn(i == 0 ? List.of("1", "True") : List.of("0", "False"));
                assertThat(Integer.parseInt(f[3])).isEqualTo((firstSeq + i) & 0xffff);
                assertThat(f[4]).isEqualTo(rows.get(0).split(",")[4]);
            }
        } finally {
            transport.shutdown();
        }
    }
}
