package org.cloudgate.distribution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What the tarball and the .deb hold, read with tar and dpkg-deb; needs no root, so it runs on
 * every developer's machine, where {@link DebianPackageIT} may be skipped.
 */
@Timeout(60)
class PackageContentsIT {

    private static final Path BUILD = Path.of(System.getProperty("cloudgate.build", "target"));
    private static final Duration LIMIT = Duration.ofSeconds(30);
    static final String DEB = "cloudgate_.+_all\\.deb";

    @Test
    void theTarballHoldsTheRunnableLayoutUnderOneVersionedDirectory() throws Exception {
        Path tarball = theOne("cloudgate-.+\\.tar\\.gz");
        String top = tarball.getFileName().toString().replace(".tar.gz", "") + "/";
        String listing = Command.run(LIMIT, "tar", "-tvzf", tarball.toString()).expectSuccess("tar -t");

        assertThat(listing.lines()).allMatch(line -> line.contains(" " + top));
        assertThat(listing).containsPattern("-rwxr-xr-x .* " + top + "bin/cloudgate\\n")
                .contains(top + "conf/cloudgate.conf", top + "conf/logback.xml")
                .containsPattern(top + "lib/gateway-core-.+\\.jar");
    }

    @Test
    void theDebHasAValidVersionItsDependenciesConffilesAndLayout() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/dpkg-deb"))).as("dpkg-deb (a Debian machine)").isTrue();
        Path deb = theOne(DEB);
        String version = field(deb, "Version");

        assertThat(deb.getFileName().toString()).isEqualTo("cloudgate_" + version + "_all.deb");
        assertThat(Command.run(LIMIT, "dpkg", "--validate-version", version).exitCode()).as(version).isZero();
        assertThat(field(deb, "Package")).isEqualTo("cloudgate");
        assertThat(field(deb, "Architecture")).isEqualTo("all");
        assertThat(field(deb, "Depends"))
                .isEqualTo("default-jre-headless (>= 2:1.17) | java17-runtime-headless, adduser");

        String conffiles = Command.run(LIMIT, "dpkg-deb", "--info", deb.toString(), "conffiles")
                .expectSuccess("dpkg-deb --info conffiles");
        assertThat(conffiles.lines()).containsExactlyInAnyOrder("/etc/cloudgate/cloudgate.conf",
                "/etc/cloudgate/logback.xml", "/etc/default/cloudgate");

        String contents = Command.run(LIMIT, "dpkg-deb", "--contents", deb.toString())
                .expectSuccess("dpkg-deb --contents");
        assertThat(contents)
                .containsPattern("-rwxr-xr-x root/root .* \\./usr/share/cloudgate/bin/cloudgate\\n")
                .contains("./usr/bin/cloudgate -> ../share/cloudgate/bin/cloudgate",
                        "./usr/lib/systemd/system/cloudgate.service",
                        "./usr/share/cloudgate/monitoring/cloudgate-alerts.yml",
                        "./usr/share/cloudgate/monitoring/cloudgate-dashboard.json")
                .containsPattern("\\./usr/share/cloudgate/lib/gateway-core-.+\\.jar");
    }

    @Test
    void theMaintainerScriptsAreValidPosixShell() throws Exception {
        Path control = Path.of(System.getProperty("cloudgate.sources", "src"), "deb/control");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = control.resolve(script);
            assertThat(Files.isExecutable(file)).as(script + " is executable").isTrue();
            assertThat(Files.readAllLines(file).get(0)).isEqualTo("#!/bin/sh");
            Command.run(LIMIT, "sh", "-n", file.toString()).expectSuccess("sh -n " + script);
        }
    }

    private static String field(Path deb, String name) throws Exception {
        return Command.run(LIMIT, "dpkg-deb", "--field", deb.toString(), name).expectSuccess("dpkg-deb --field " + name)
                .strip();
    }

    /** The one file in the build directory whose name matches {@code pattern}. */
    static Path theOne(String pattern) throws Exception {
        try (Stream<Path> files = Files.list(BUILD)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches(pattern)).toList();
            assertThat(found).as(pattern + " in " + BUILD).hasSize(1);
            return found.get(0);
        }
    }
}
