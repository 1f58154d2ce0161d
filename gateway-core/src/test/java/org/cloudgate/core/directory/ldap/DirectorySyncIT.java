package org.cloudgate.core.directory.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cloudgate.core.config.DirectorySettings;
import org.cloudgate.core.config.DirectorySource;
import org.cloudgate.core.config.LdapAttributes;
import org.cloudgate.core.config.LdapSettings;
import org.cloudgate.core.config.UserSettings;
import org.cloudgate.core.directory.DirectoryUser;
import org.cloudgate.core.directory.OnboardingStatus;
import org.cloudgate.core.directory.UserDirectory;
import org.cloudgate.core.lifecycle.Readiness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The directory thread against a real LDAP server (UnboundID's in-memory one) and against
 * servers that fail in each way: every failure keeps the users, is counted by its reason and
 * shows on the readiness check. The first read runs within {@code start()}, and a reload's
 * read within the future {@code apply} returns, so nothing here waits on a clock.
 */
@Timeout(60)
class DirectorySyncIT {

    private static final String USERS = "ou=users,dc=example,dc=com";
    private static final String READER = "cn=cloudgate,dc=example,dc=com";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Readiness readiness = new Readiness(registry);
    private final List<AutoCloseable> resources = new ArrayList<>();
    private InMemoryDirectoryServer ldap;
    private UserDirectory directory;
    private DirectorySync sync;

    @BeforeEach
    void startServer() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                0, null));
        config.addAdditionalBindCredentials(READER, "reader-secret");
        ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
        ldap.add("dn: " + USERS, "objectClass: organizationalUnit", "ou: users");
        ldap.add("dn: uid=alice," + USERS, "objectClass: inetOrgPerson", "uid: alice", "cn: Alice Example",
                "sn: Example", "telephoneNumber: 201", "mail: alice@example.com");
        ldap.add("dn: uid=bob," + USERS, "objectClass: inetOrgPerson", "uid: bob", "cn: Bob Example",
                "sn: Example", "telephoneNumber: 202");
        ldap.startListening();
    }

    @AfterEach
    void stop() throws Exception {
        if (sync != null) {
            sync.stop();
        }
        ldap.shutDown(true);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void aReadReplacesTheUsersAndReportsReady() throws Exception {
        start(settings(ldap.getListenPort(), "reader-secret", USERS, "(objectClass=person)", "telephoneNumber"));

        assertThat(directory.users()).extracting(DirectoryUser::extension, DirectoryUser::status).containsExactly(
                tuple("201", OnboardingStatus.TERMINAL_NOT_REGISTERED),
                tuple("202", OnboardingStatus.MISSING_EMAIL));
        assertThat(registry.get("cloudgate.directory.last.sync.timestamp").gauge().value()).isPositive();
        assertThat(readiness.checks()).singleElement().satisfies(check -> {
            assertThat(check.up()).isTrue();
            assertThat(check.detail()).startsWith("2 users from ldap://127.0.0.1:" + ldap.getListenPort());
        });
    }

    @Test
    void aFirstReadThatFailsLeavesNoUsersAndTheCheckDown() throws Exception {
        start(settings(ldap.getListenPort(), "wrong", USERS, "(objectClass=person)", "telephoneNumber"));

        assertThat(directory.users()).isEmpty();
        assertThat(failures(SyncFailure.BIND)).isEqualTo(1);
        assertThat(readiness.checks()).singleElement().satisfies(check -> {
            assertThat(check.up()).isFalse();
            assertThat(check.detail()).startsWith("no users yet: reading ldap://127.0.0.1:" + ldap.getListenPort()
                    + " failed (bind: bind as \"" + READER + "\" refused: invalid credentials");
        });
    }

    @Test
    void eachFailureKeepsTheUsersAndIsCountedByReason() throws Exception {
        start(settings(ldap.getListenPort(), "reader-secret", USERS, "(objectClass=person)", "telephoneNumber"));
        List<DirectoryUser> before = directory.users();

        fail(settings(ldap.getListenPort(), "reader-secret", "ou=nowhere,dc=example,dc=com", "(objectClass=person)",
                "telephoneNumber"), SyncFailure.SEARCH);
        fail(settings(ldap.getListenPort(), "reader-secret", USERS, "(objectClass=device)", "telephoneNumber"),
                SyncFailure.NO_ENTRIES);
        fail(settings(ldap.getListenPort(), "reader-secret", USERS, "(objectClass=person)", "employeeNumber"),
                SyncFailure.UNMAPPED_ENTRIES);
        fail(settings(closedPort(), "reader-secret", USERS, "(objectClass=person)", "telephoneNumber"),
                SyncFailure.UNREACHABLE);
        fail(tls(settings(ldap.getListenPort(), "reader-secret", USERS, "(objectClass=person)", "telephoneNumber")),
                SyncFailure.TLS);
        fail(settings(silentServer(), "reader-secret", USERS, "(objectClass=person)", "telephoneNumber"),
                SyncFailure.TIMEOUT);

        assertThat(directory.users()).isEqualTo(before);
        assertThat(readiness.checks()).singleElement().satisfies(check -> {
            assertThat(check.up()).isTrue();
            assertThat(check.detail()).contains("the last read failed (timeout: ");
        });
    }

    @Test
    void aReloadToTheConfigurationSourceAppliesItsUsers() throws Exception {
        start(settings(ldap.getListenPort(), "reader-secret", USERS, "(objectClass=person)", "telephoneNumber"));

        sync.apply(new DirectorySettings(1, List.of(new UserSettings("301", Optional.of("Carol"),
                Optional.of("carol@example.com"), "c", Optional.empty(), false)))).get();

        assertThat(directory.users()).extracting(DirectoryUser::extension).containsExactly("301");
        assertThat(readiness.checks()).singleElement().satisfies(check -> assertThat(check.detail())
                .isEqualTo("1 users from the configuration file"));
    }

    @Test
    void aGsmNumberOfAnEarlierEntryIsTakenFromTheLaterOneAndCounted() throws Exception {
        ldap.add("dn: uid=carol," + USERS, "objectClass: inetOrgPerson", "uid: carol", "cn: Carol Example",
                "sn: Example", "telephoneNumber: 203", "mobile: +41 79 123 45 67");
        ldap.add("dn: uid=dave," + USERS, "objectClass: inetOrgPerson", "uid: dave", "cn: Dave Example",
                "sn: Example", "telephoneNumber: 204", "mobile: +41791234567");
        DirectorySettings settings = withGsm(settings(ldap.getListenPort(), "reader-secret", USERS,
                "(objectClass=person)", "telephoneNumber"));
        start(settings);

        assertThat(directory.users()).extracting(DirectoryUser::extension, user -> user.settings().gsm().isPresent())
                .containsExactly(tuple("201", false), tuple("202", false), tuple("203", true), tuple("204", false));
        assertThat(sharedGsm()).isEqualTo(1);

        ldap.modify("uid=dave," + USERS, new Modification(ModificationType.REPLACE, "mobile", "+41797654321"));
        sync.apply(settings).get();
        assertThat(directory.users()).extracting(DirectoryUser::extension, user -> user.settings().gsm().isPresent())
                .containsExactly(tuple("201", false), tuple("202", false), tuple("203", true), tuple("204", true));
        assertThat(sharedGsm()).isZero();
    }

    private double sharedGsm() {
        return registry.get("cloudgate.directory.gsm.shared").gauge().value();
    }

    private void start(DirectorySettings settings) throws Exception {
        directory = new UserDirectory(settings, registry);
        sync = new DirectorySync(settings, directory, registry, readiness);
        sync.start();
    }

    private void fail(DirectorySettings settings, SyncFailure expected) throws Exception {
        double before = failures(expected);
        sync.apply(settings).get();
        assertThat(failures(expected)).as(expected.label()).isEqualTo(before + 1);
    }

    private double failures(SyncFailure reason) {
        return registry.get("cloudgate.directory.sync.failures").tag("reason", reason.label()).counter().count();
    }

    private static DirectorySettings settings(int port, String password, String baseDn, String filter,
                                              String extension) {
        LdapSettings ldap = new LdapSettings("127.0.0.1", port, false, READER, password, baseDn, filter,
                new LdapAttributes(extension, "cn", "mail", Optional.empty(), Optional.empty()), Duration.ofHours(1),
                Duration.ofSeconds(2), Duration.ofMillis(500));
        List<UserSettings> secrets = List.of(
                new UserSettings("201", Optional.empty(), Optional.empty(), "alice-secret", Optional.empty(), false),
                new UserSettings("202", Optional.empty(), Optional.empty(), "bob-secret", Optional.empty(), false));
        return new DirectorySettings(5, secrets, DirectorySource.LDAP, ldap);
    }

    /** The same with the GSM number read from {@code mobile}. */
    private static DirectorySettings withGsm(DirectorySettings plain) {
        LdapSettings l = plain.ldap();
        LdapAttributes a = l.attributes();
        return new DirectorySettings(plain.licences(), plain.users(), DirectorySource.LDAP, new LdapSettings(l.host(),
                l.port(), l.secure(), l.bindDn(), l.password(), l.baseDn(), l.filter(),
                new LdapAttributes(a.extension(), a.name(), a.email(), Optional.of("mobile"), a.password()),
                l.resyncInterval(), l.connectTimeout(), l.responseTimeout()));
    }

    /** The same with {@code ldaps}: TLS toward a server that speaks plain LDAP. */
    private static DirectorySettings tls(DirectorySettings plain) {
        LdapSettings l = plain.ldap();
        return new DirectorySettings(plain.licences(), plain.users(), DirectorySource.LDAP, new LdapSettings(l.host(),
                l.port(), true, l.bindDn(), l.password(), l.baseDn(), l.filter(), l.attributes(), l.resyncInterval(),
                l.connectTimeout(), l.responseTimeout()));
    }

    /** A port nothing listens on. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A server that accepts connections and never answers. */
    private int silentServer() throws Exception {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        resources.add(server);
        Thread acceptor = new Thread(() -> {
            List<Socket> accepted = new ArrayList<>();
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (java.io.IOException closed) {
                for (Socket socket : accepted) {
                    try {
                        socket.close();
                    } catch (java.io.IOException ignored) {
                        // closing anyway
                    }
                }
            }
        }, "silent-ldap");
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }
}
