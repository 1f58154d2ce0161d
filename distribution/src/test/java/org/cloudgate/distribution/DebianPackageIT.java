package org.cloudgate.distribution;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The .deb on this machine: {@code dpkg -i}, the daemon started exactly as the installed unit's
 * ExecStartPre and ExecStart lines say, under the unit's user, working directory and environment
 * file (there is no running systemd to do it), then {@code dpkg -r} and {@code dpkg -P}.
 *
 * <p>Needs root and dpkg, as CI has; skipped otherwise. It installs and purges the package, so it
 * also skips when a cloudgate package is already installed, and it purges what it installed even
 * when it fails.
 */
@Timeout(240)
class DebianPackageIT {

    private static final String PACKAGE = "cloudgate";
    private static final Path UNIT = Path.of("/usr/lib/systemd/system/cloudgate.service");
    private static final Path CONFIG = Path.of("/etc/cloudgate/cloudgate.conf");
    private static final Duration DPKG = Duration.ofSeconds(120);
    /** systemd's PATH for system services. */
    private static final String SERVICE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    Path dir;

    private CloudgateProcess daemon;

    @BeforeEach
    void needsRootDpkgAndNoInstalledCloudgate() throws Exception {
        assumeThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
                .as("installing a .deb needs root (CI runs .ci/run as root)").isEqualTo(0);
        assumeThat(Files.isExecutable(Path.of("/usr/bin/dpkg"))).as("dpkg (a Debian machine)").isTrue();
        assumeThat(installed()).as("a cloudgate package is already installed here; the test leaves it alone")
                .isFalse();
    }

    @AfterEach
    void stopAndPurge() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (installed()) {
            dpkg("--purge", PACKAGE);
        }
    }

    @Test
    void installsRunsAsTheUnitSaysAndRemovesCleanly() throws Exception {
        Path deb = PackageContentsIT.theOne(PackageContentsIT.DEB);
        dpkg("--install", deb.toString()).expectSuccess("dpkg --install");

        assertThat(Path.of("/usr/bin/cloudgate").toRealPath()).isEqualTo(Path.of("/usr/share/cloudgate/bin/cloudgate"));
        assertThat(Command.run(DPKG, "dpkg-query", "--show", "--showformat=${Conffiles}", PACKAGE)
                .expectSuccess("dpkg-query")).contains(CONFIG.toString(), "/etc/cloudgate/logback.xml",
                "/etc/default/cloudgate");
        assertThat(passwd()).startsWith("cloudgate:x:").contains(":/var/lib/cloudgate:/usr/sbin/nologin");
        for (Path state : List.of(Path.of("/var/lib/cloudgate"), Path.of("/var/log/cloudgate"))) {
            assertThat(Files.getOwner(state).getName()).as(state.toString()).isEqualTo("cloudgate");
        }
        assertThat(Files.getAttribute(CONFIG, "posix:group").toString()).isEqualTo("cloudgate");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(CONFIG))).isEqualTo("rw-r-----");
        String user = passwd();
        String version = Command.run(DPKG, "dpkg-query", "--show", "--showformat=${Version}", PACKAGE)
                .expectSuccess("dpkg-query").strip();
        Command.run(DPKG, "/var/lib/dpkg/info/cloudgate.postinst", "configure", version)
                .expectSuccess("postinst configure, run a second time");
        assertThat(passwd()).as("the same user after a second configure").isEqualTo(user);
        if (Files.isExecutable(SystemdUnitIT.SYSTEMD_ANALYZE)) {
            assertThat(SystemdUnitIT.verify(UNIT)).as("systemd-analyze verify " + UNIT).isEmpty();
        }

        SystemdUnit unit = SystemdUnit.read(UNIT);
        AdminNetwork network = AdminNetwork.forInstalledConfig();
        Command check = Command.run(Duration.ofSeconds(60), asService(unit, "Service.ExecStartPre", List.of()));
        assertThat(check.output()).as("ExecStartPre").contains(CONFIG + ": OK");
        assertThat(check.exitCode()).as("ExecStartPre: " + check.output()).isZero();

        daemon = CloudgateProcess.start(dir, asService(unit, "Service.ExecStart", network.prefix()));
        String admin = daemon.awaitReady();
        assertThat(network.get(daemon, admin + "/metrics")).contains("cloudgate_ready 1", "cloudgate_build_info");

        daemon.terminate();
        int exit = daemon.awaitExit(SystemdUnitIT.stopTimeout(unit));
        assertThat(Integer.toString(exit)).as("exit code after SIGTERM")
                .isIn("0", unit.value("Service.SuccessExitStatus"));

        dpkg("--remove", PACKAGE).expectSuccess("dpkg --remove");
        assertThat(Path.of("/usr/share/cloudgate")).doesNotExist();
        assertThat(Files.exists(Path.of("/usr/bin/cloudgate"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(UNIT).doesNotExist();
        assertThat(CONFIG).as("configuration kept until purge").exists();
        assertThat(passwd()).as("user kept until purge").isNotEmpty();

        dpkg("--purge", PACKAGE).expectSuccess("dpkg --purge");
        assertThat(installed()).isFalse();
        for (String gone : List.of("/etc/cloudgate", "/etc/default/cloudgate", "/var/lib/cloudgate", "/var/log/cloudgate")) {
            assertThat(Path.of(gone)).doesNotExist();
        }
        assertThat(passwd()).as("user removed on purge").isEmpty();
        assertThat(Command.run(Duration.ofSeconds(10), "getent", "group", "cloudgate").exitCode())
                .as("group removed on purge").isEqualTo(2);
    }

    /** Runs dpkg, waiting while another dpkg or apt holds its lock (for at most {@link #DPKG}). */
    private static Command dpkg(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dpkg"));
        command.addAll(List.of(arguments));
        long deadline = System.nanoTime() + DPKG.toNanos();
        while (true) {
            Command run = Command.run(DPKG, command.toArray(String[]::new));
            if (run.exitCode() == 0 || !run.output().contains(" lock") || System.nanoTime() > deadline) {
                return run;
            }
            Thread.sleep(1000);
        }
    }

    private static boolean installed() throws IOException, InterruptedException {
        Command status = Command.run(Duration.ofSeconds(30), "dpkg-query", "--show", "--showformat=${db:Status-Status}",
                PACKAGE);
        return status.exitCode() == 0 && !status.output().strip().equals("not-installed");
    }

    private static String passwd() throws IOException, InterruptedException {
        return Command.run(Duration.ofSeconds(10), "getent", "passwd", "cloudgate").output().strip();
    }

    /**
     * One Exec line of the unit as systemd would run it: as its User and Group with their
     * supplementary groups, in its WorkingDirectory, with systemd's clean environment plus the
     * EnvironmentFile.
     */
    private static ProcessBuilder asService(SystemdUnit unit, String execKey, List<String> prefix) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("setpriv", "--reuid=" + unit.value("Service.User"),
                "--regid=" + unit.value("Service.Group"), "--init-groups", "--"));
        command.addAll(unit.command(execKey));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(unit.value("Service.WorkingDirectory")));
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", SERVICE_PATH);
        environment.put("HOME", "/var/lib/cloudgate");
        environment.put("USER", unit.value("Service.User"));
        environment.put("LOGNAME", unit.value("Service.User"));
        environment.putAll(environmentFile(unit));
        return builder;
    }

    /** KEY=VALUE lines of the unit's EnvironmentFile, as systemd.exec(5) reads the simple ones. */
    private static Map<String, String> environmentFile(SystemdUnit unit) throws IOException {
        String setting = unit.value("Service.EnvironmentFile");
        boolean optional = setting.startsWith("-");
        Path file = Path.of(optional ? setting.substring(1) : setting);
        Map<String, String> variables = new LinkedHashMap<>();
        if (optional && !Files.exists(file)) {
            return variables;
        }
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";") || equals < 1) {
                continue;
            }
            String value = trimmed.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            variables.put(trimmed.substring(0, equals).strip(), value);
        }
        return variables;
    }

    /**
     * Where the installed daemon's admin listener can bind. The installed configuration stays as
     * shipped (port 9090); when that port is taken on this host (a Prometheus server, say), the
     * daemon runs in a network namespace of its own, with its own loopback, and is reached there.
     */
    private record AdminNetwork(List<String> prefix) {

        static AdminNetwork forInstalledConfig() throws IOException, InterruptedException {
            Config admin = ConfigFactory.parseFile(CONFIG.toFile()).getConfig("cloudgate.admin");
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(admin.getString("bind")),
                    admin.getInt("port"));
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(address);
                return new AdminNetwork(List.of());
            } catch (IOException taken) {
                List<String> isolated = List.of("unshare", "--net", "--", "sh", "-c", "ip link set lo up && exec \"$@\"",
                        "cloudgate-netns");
                List<String> probe = new ArrayList<>(isolated);
                probe.add("true");
                Command works = Command.run(Duration.ofSeconds(10), probe.toArray(String[]::new));
                assertThat(works.exitCode()).as(address + " is taken on this host (" + taken.getMessage()
                        + ") and no network namespace can be made for the daemon: " + works.output()).isZero();
                return new AdminNetwork(isolated);
            }
        }

        String get(CloudgateProcess daemon, String url) throws IOException, InterruptedException {
            if (prefix.isEmpty()) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
                return response.body();
            }
            return Command.run(Duration.ofSeconds(20), "nsenter", "--target", Long.toString(daemon.pid()), "--net",
                    "--", "curl", "--silent", "--show-error", "--fail", "--max-time", "10", url)
                    .expectSuccess("GET " + url + " in the daemon's network namespace");
        }
    }
}
