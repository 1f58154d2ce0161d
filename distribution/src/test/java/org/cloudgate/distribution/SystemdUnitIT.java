package org.cloudgate.distribution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The systemd unit shipped in the .deb, {@code src/main/systemd/cloudgate.service}. */
@Timeout(60)
class SystemdUnitIT {

    static final Path UNIT = Path.of(System.getProperty("cloudgate.sources", "src"), "main/systemd/cloudgate.service");
    static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private static final String INSTALLED_LAUNCHER = "/usr/bin/cloudgate";

    @TempDir
    Path dir;

    /**
     * systemd-analyze verify also checks that each Exec binary exists. Without the package
     * installed, the copy verified here runs the launcher of the built layout instead of
     * /usr/bin/cloudgate; {@link DebianPackageIT} verifies the installed unit file as it is.
     */
    @Test
    void systemdAnalyzeVerifyAcceptsTheUnit() throws Exception {
        assumeThat(Files.isExecutable(SYSTEMD_ANALYZE)).as("systemd-analyze (Debian package systemd)").isTrue();
        String unit = Files.readString(UNIT);
        assertThat(unit).contains("=" + INSTALLED_LAUNCHER + " ");
        Path copy = Files.writeString(dir.resolve("cloudgate.service"), unit.replace("=" + INSTALLED_LAUNCHER + " ",
                "=" + CloudgateProcess.launcher().toAbsolutePath() + " "));

        assertThat(verify(copy)).isEmpty();
    }

    @Test
    void restartsOnFailureExceptForABadConfigurationAndStopsWithinABoundedTime() throws Exception {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertThat(unit.value("Service.Type")).isEqualTo("exec");
        assertThat(unit.value("Service.User")).isEqualTo("cloudgate");
        assertThat(unit.value("Service.ExecStartPre")).isEqualTo("/usr/bin/cloudgate --check-config /etc/cloudgate/cloudgate.conf");
        assertThat(unit.value("Service.ExecStart")).isEqualTo("/usr/bin/cloudgate --config /etc/cloudgate/cloudgate.conf");
        assertThat(unit.value("Service.ExecReload")).isEqualTo("/bin/kill -HUP $MAINPID");
        assertThat(unit.value("Service.EnvironmentFile")).isEqualTo("-/etc/default/cloudgate");
        assertThat(unit.value("Service.Restart")).isEqualTo("on-failure");
        assertThat(unit.value("Service.RestartPreventExitStatus")).isEqualTo("78");
        assertThat(unit.value("Service.SuccessExitStatus")).isEqualTo("143");
        assertThat(unit.value("Service.LimitNOFILE")).isNotNull();
        // Above the default drain time (cloudgate.lifecycle.drain-timeout = 10s) plus the JVM's exit.
        assertThat(stopTimeout(unit)).isBetween(Duration.ofSeconds(15), Duration.ofMinutes(2));
    }

    @Test
    void isHardenedExceptWhereTheJvmNeedsIt() throws Exception {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertThat(unit.value("Service.ProtectSystem")).isEqualTo("strict");
        assertThat(unit.value("Service.ReadWritePaths")).isEqualTo("/var/lib/cloudgate /var/log/cloudgate");
        assertThat(unit.value("Service.CapabilityBoundingSet")).isEmpty();
        assertThat(unit.value("Service.AmbientCapabilities")).isEmpty();
        assertThat(unit.value("Service.RestrictAddressFamilies")).isEqualTo("AF_INET AF_INET6 AF_UNIX AF_NETLINK");
        for (String on : new String[] {"ProtectHome", "PrivateTmp", "NoNewPrivileges", "ProtectKernelTunables",
                "ProtectControlGroups", "LockPersonality"}) {
            assertThat(unit.value("Service." + on)).as(on).isEqualTo("yes");
        }
        // The JIT compiler writes code it then executes.
        assertThat(unit.has("Service.MemoryDenyWriteExecute")).isFalse();
    }

    static Duration stopTimeout(SystemdUnit unit) {
        String value = unit.value("Service.TimeoutStopSec");
        assertThat(value).as("TimeoutStopSec").matches("\\d+s");
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }

    /** Runs systemd-analyze verify and returns what it printed (nothing when the unit is clean). */
    static String verify(Path unitFile) throws Exception {
        return Command.run(Duration.ofSeconds(30), SYSTEMD_ANALYZE.toString(), "verify", unitFile.toString())
                .expectSuccess("systemd-analyze verify " + unitFile);
    }
}
