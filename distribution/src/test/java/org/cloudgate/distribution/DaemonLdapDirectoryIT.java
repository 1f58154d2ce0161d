package org.cloudgate.distribution;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.OperationType;
import org.cloudgate.csta.link.CstaEncoding;
import org.cloudgate.csta.link.CstaTestServer;
import org.cloudgate.csta.model.CstaMessage;
import org.cloudgate.csta.model.CstaRequest;
import org.cloudgate.sip.auth.DigestAlgorithm;
import org.cloudgate.sip.transport.Sipp;
import org.cloudgate.testkit.pbx.ExtensionBehaviour;
import org.cloudgate.testkit.pbx.PbxDescription;
import org.cloudgate.testkit.pbx.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboarding from the PBX's LDAP directory: the daemon, with {@code source = ldap}, reads a real
 * LDAP server (UnboundID's in-memory directory server) and the simulated PBX takes the
 * terminals it registers. The statuses are right for users with and without e-mail, beyond the
 * licence budget, with and without a registered softphone (SIPp), and after the directory
 * changes, which also move the PBX terminal registrations and the CSTA monitors (a scripted
 * CSTA service); a refused bind and a server that is gone keep the users and are counted.
 */
@Timeout(120)
class DaemonLdapDirectoryIT {

    private static final String BASE = "dc=example,dc=com";
    private static final String USERS = "ou=users," + BASE;
    private static final String READER = "cn=cloudgate," + BASE;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The PBX password, for SIP, LDAP and CSTA alike. */
    private static final String PASSWORD = CstaTestServer.PASSWORD;

    @TempDir
    Path dir;
    private InMemoryDirectoryServer ldap;
    private SimulatedPbx pbx;
    private CstaTestServer csta;
    private CloudgateProcess daemon;
    private Path config;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig directory = new InMemoryDirectoryServerConfig(BASE);
        directory.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getLoopbackAddress(), 0, null));
        // The PBX password is the LDAP password too (vendor field "Password (SIP/LDAP/CSTA)"), and
        // nothing can be read without a bind.
        directory.addAdditionalBindCredentials(READER, PASSWORD);
        directory.setAuthenticationRequiredOperationTypes(OperationType.SEARCH);
        ldap = new InMemoryDirectoryServer(directory);
        ldap.add("dn: " + BASE, "objectClass: domain", "dc: example");
        ldap.add("dn: " + USERS, "objectClass: organizationalUnit", "ou: users");
        person("alice", "Alice Example", "201", "alice@example.com");
        person("bob", "Bob Example", "202", null);
        person("carol", "Carol Example", "203", "carol@example.com");
        person("dave", "Dave Example", "204", "dave@example.com");
        ldap.add("dn: cn=Meeting Room," + USERS, "objectClass: person", "cn: Meeting Room", "sn: Room");
        ldap.startListening();

        pbx = SimulatedPbx.start(PbxDescription.builder().host("127.0.0.2").port(0)
                .credentials("cloudgate", PASSWORD).digestAlgorithms(List.of(DigestAlgorithm.MD5))
                .extension("200", "Zed Example", "zed@example.com", ExtensionBehaviour.ANSWER)
                .extension("201", "Alice Example", "alice@example.com", ExtensionBehaviour.ANSWER)
                .extension("202", "Bob Example", "bob@example.com", ExtensionBehaviour.ANSWER)
                .extension("203", "Carol Example", "carol@example.com", ExtensionBehaviour.ANSWER)
                .extension("204", "Dave Example", "dave@example.com", ExtensionBehaviour.ANSWER)
                .build());
        csta = new CstaTestServer(CstaEncoding.XML);
        config = dir.resolve("cloudgate.conf");
        Files.writeString(config, configText(""));
        daemon = CloudgateProcess.start(dir, "--config", config.toString());
    }

    /** The daemon's file; {@code ldapPassword} other than empty replaces the PBX password for the bind. */
    private String configText(String ldapPassword) {
        return """
                cloudgate {
                  admin.port = 0
                  sip { bind = "127.0.0.1", udp.port = 0, tcp.port = 0 }
                  pbx { host = "127.0.0.2", port = %d, username = "cloudgate", password = "%s", keep-alive.enabled = false }
                  csta { enabled = true, host = "127.0.0.1", port = %d, encoding = xml }
                  registrar.algorithms = [md5]
                  directory {
                    source = ldap
                    licences = 2
                    ldap {
                      url = "ldap://127.0.0.1:%d"
                      bind-dn = "%s"
                      password = "%s"
                      base-dn = "%s"
                      resync-interval = 1s
                      connect-timeout = 2s
                      response-timeout = 2s
                    }
                    users = [
                      { extension = "200", password = "zed-secret" }
                      { extension = "201", password = "alice-secret" }
                      { extension = "202", password = "bob-secret" }
                      { extension = "203", password = "carol-secret" }
                      { extension = "204", password = "dave-secret" }
                    ]
                  }
                }
                """.formatted(pbx.port(), PASSWORD, csta.port(), ldap.getListenPort(), READER, ldapPassword, USERS);
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (pbx != null) {
            pbx.close();
        }
        if (csta != null) {
            csta.close();
        }
        if (ldap != null) {
            ldap.shutDown(true);
        }
    }

    @Test
    void statusesFollowTheDirectoryTheLicencesAndTheRegisteredSoftphones() throws Exception {
        String admin = daemon.awaitReady();
        String server = "ldap://127.0.0.1:" + ldap.getListenPort();

        // 201 and 203 get the two licences in extension order; Bob has no e-mail; the room no extension
        assertThat(scrape(admin)).contains("cloudgate_users{status=\"terminal-not-registered\"} 2",
                "cloudgate_users{status=\"onboarded\"} 0", "cloudgate_users{status=\"missing-email\"} 1",
                "cloudgate_users{status=\"no-licence-left\"} 1",
                "cloudgate_directory_entries_skipped{reason=\"missing_extension\"} 1");
        assertThat(daemon.output()).contains("read 4 users from the LDAP directory " + server,
                "user 202 (Bob Example) is not onboarded: missing e-mail",
                "user 204 (Dave Example) is not onboarded: no licence left",
                "user 203 (Carol Example) is onboarded, but its terminal is not registered",
                "1 entry skipped, no telephoneNumber attribute (the extension): cn=Meeting Room," + USERS);
        assertThat(get(admin + "/health/ready")).contains("\"name\":\"directory\",\"status\":\"UP\",\"detail\":\"4 "
                + "users from " + server);
        await().atMost(WAIT).untilAsserted(() -> assertThat(monitorStarts()).containsExactlyInAnyOrder("201", "203"));

        String gateway = "127.0.0.1:" + daemon.sipUdpPort();
        try (Sipp alice = Sipp.client("uac-softphone-register-only.xml", gateway, dir,
                "-s", "201", "-au", "201", "-ap", "alice-secret")) {
            assertThat(alice.awaitExit(30)).as(alice.output()).isZero();
        }
        await().atMost(WAIT).until(() -> pbx.terminal("201").isPresent());
        assertThat(scrape(admin)).contains("cloudgate_users{status=\"onboarded\"} 1",
                "cloudgate_users{status=\"terminal-not-registered\"} 1");
        assertThat(daemon.output()).contains("user 201 (Alice Example) is onboarded\n");

        // Alice leaves, Zed arrives, Bob gets an e-mail address: Carol keeps her licence, Zed takes
        // Alice's (first in extension order), Bob and Dave have none left.
        ldap.delete("uid=alice," + USERS);
        person("zed", "Zed Example", "200", "zed@example.com");
        ldap.modify("uid=bob," + USERS, new Modification(ModificationType.ADD, "mail", "bob@example.com"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(scrape(admin)).contains(
                "cloudgate_users{status=\"terminal-not-registered\"} 2", "cloudgate_users{status=\"onboarded\"} 0",
                "cloudgate_users{status=\"missing-email\"} 0", "cloudgate_users{status=\"no-licence-left\"} 2"));
        await().atMost(WAIT).until(() -> pbx.terminal("201").isEmpty());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(monitorStarts()).containsExactlyInAnyOrder("201", "203", "200");
            assertThat(monitorStops()).containsExactly("M201");
        });
        assertThat(daemon.output()).contains("user 201 (Alice Example) left the directory",
                "unregistering the terminal of user 201 from the PBX",
                "user 200 (Zed Example) is onboarded, but its terminal is not registered",
                "user 202 (Bob Example) is not onboarded: no licence left");
        assertThat(count(daemon.output(), "user 204 (Dave Example) is not onboarded: no licence left"))
                .as("a status is logged when it changes, not at every resync").isEqualTo(1);

        // A bind the server refuses keeps the users
        Files.writeString(config, configText("wrong-secret"));
        daemon.signal("HUP");
        await().atMost(WAIT).untilAsserted(() -> assertThat(failures(scrape(admin), "bind")).isPositive());
        assertThat(daemon.output()).contains("reading the LDAP directory " + server + " failed (bind): bind as \""
                + READER + "\" refused: invalid credentials");
        assertThat(get(admin + "/health/ready")).contains("the last read failed (bind: ");

        // So does a server that is gone
        ldap.shutDown(true);
        await().atMost(WAIT).untilAsserted(() -> assertThat(failures(scrape(admin), "unreachable")).isPositive());
        assertThat(scrape(admin)).contains("cloudgate_users{status=\"terminal-not-registered\"} 2",
                "cloudgate_users{status=\"no-licence-left\"} 2");
        assertThat(daemon.output()).contains("reading the LDAP directory " + server + " failed (unreachable): "
                        + "cannot connect", "the 4 current users stay")
                .doesNotContain(PASSWORD, "wrong-secret", "alice-secret");
    }

    private void person(String uid, String name, String extension, String email) throws Exception {
        List<Attribute> attributes = new ArrayList<>(List.of(
                new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid),
                new Attribute("cn", name), new Attribute("sn", name.substring(name.indexOf(' ') + 1)),
                new Attribute("telephoneNumber", extension)));
        if (email != null) {
            attributes.add(new Attribute("mail", email));
        }
        ldap.add(new Entry("uid=" + uid + "," + USERS, attributes));
    }

    /** The devices the daemon asked the PBX to monitor, in order. */
    private List<String> monitorStarts() {
        return requests(CstaRequest.MonitorStart.class, CstaRequest.MonitorStart::monitorObject);
    }

    /** The monitors the daemon stopped, by cross reference (the test server's is "M" and the device). */
    private List<String> monitorStops() {
        return requests(CstaRequest.MonitorStop.class, CstaRequest.MonitorStop::monitorCrossRefId);
    }

    private <R extends CstaRequest> List<String> requests(Class<R> type, Function<R, String> field) {
        List<String> values = new ArrayList<>();
        for (CstaMessage message : csta.received()) {
            if (message instanceof CstaMessage.Invoke invoke && type.isInstance(invoke.request())) {
                values.add(field.apply(type.cast(invoke.request())));
            }
        }
        return values;
    }

    private static double failures(String metrics, String reason) {
        return CloudgateProcess.sample(metrics, "cloudgate_directory_sync_failures_total{reason=\"" + reason + "\"}");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    private String scrape(String admin) throws Exception {
        return CloudgateProcess.scrape(admin);
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
