package org.cloudgate.core.lifecycle;

import org.cloudgate.core.config.GatewaySettings;
import org.cloudgate.core.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSettingsTest {

    @TempDir
    Path dir;

    private GatewaySettings load(String text) throws Exception {
        return new SettingsLoader().load(Files.writeString(dir.resolve("cloudgate.conf"), text));
    }

    @Test
    void aReloadTakesTheTraceButNotTheListeners() throws Exception {
        GatewaySettings running = load("cloudgate.sip.udp.port = 5070\n");
        GatewaySettings loaded = load("""
                cloudgate.sip { udp.port = 5080, trace { enabled = true, file = "%s/t.pcap", max-files = 2 } }
                """.formatted(dir));

        GatewaySettings merged = LiveSettings.merge(running, loaded);

        assertThat(merged.sip().trace()).isEqualTo(loaded.sip().trace());
        assertThat(merged.sip().trace().enabled()).isTrue();
        assertThat(merged.sip().stack().udpPort()).isEqualTo(5070);
        assertThat(LiveSettings.isLive("cloudgate.sip.trace.enabled")).isTrue();
        assertThat(LiveSettings.isLive("cloudgate.sip.udp.port")).isFalse();
        assertThat(merged.source().values()).containsEntry("cloudgate.sip.trace.enabled", "true")
                .containsEntry("cloudgate.sip.udp.port", "5070");
    }
}
