package org.cloudgate.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class DirectorySettingsTest {

    @TempDir
    Path dir;

    private final SettingsLoader loader = new SettingsLoader();

    @Test
    void theConfigurationFileIsTheDefaultSource() throws Exception {
        DirectorySettings directory = loader.load(write("")).directory();

        assertThat(directory.source()).isEqualTo(DirectorySource.CONFIG);
        assertThat(directory.ldap()).isNull();
    }

    @Test
    void theLdapDirectoryBindsWithThePbxCredentialsUnlessToldOtherwise() throws Exception {
        DirectorySettings directory = loader.load(write("""
                cloudgate {
                  pbx { host = "pbx.example.com", username = "cloudgate", password = "pbx-secret" }
                  directory {
                    source = ldap
                    ldap { url = "ldaps://pbx.example.com", base-dn = "ou=users,dc=example,dc=com" }
                    users = [ { extension = "201", use-gsm = true } ]
                  }
                }
                """)).directory();

        LdapSettings ldap = directory.ldap();
        assertThat(directory.source()).isEqualTo(DirectorySource.LDAP);
        assertThat(ldap.server()).isEqualTo("ldaps://pbx.example.com:636");
        assertThat(ldap.bindDn()).isEqualTo("cloudgate");
        assertThat(ldap.password()).isEqualTo("pbx-secret");
        assertThat(ldap.filter()).isEqualTo("(objectClass=person)");
        assertThat(ldap.attributes()).isEqualTo(new LdapAttributes("telephoneNumber", "cn", "mail",
                Optional.of("mobile"), Optional.empty()));
        assertThat(ldap.resyncInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ldap.toString()).doesNotContain("pbx-secret");
        // with LDAP, an element of the users list completes an entry: no password, GSM from the directory
        assertThat(directory.users()).singleElement().satisfies(user -> {
            assertThat(user.hasPassword()).isFalse();
            assertThat(user.useGsm()).isTrue();
        });
    }

    @Test
    void ownLdapCredentialsAndAPlainPortAreTaken() throws Exception {
        LdapSettings ldap = loader.load(write("""
                cloudgate.directory {
                  source = ldap
                  ldap {
                    url = "ldap://10.0.0.5:10389"
                    bind-dn = "cn=reader,dc=example,dc=com"
                    password = "reader-secret"
                    base-dn = "dc=example,dc=com"
                    attributes { gsm-number = "", password = "sipSecret" }
                  }
                }
                """)).directory().ldap();

        assertThat(ldap.server()).isEqualTo("ldap://10.0.0.5:10389");
        assertThat(ldap.secure()).isFalse();
        assertThat(ldap.bindDn()).isEqualTo("cn=reader,dc=example,dc=com");
        assertThat(ldap.password()).isEqualTo("reader-secret");
        assertThat(ldap.attributes().gsm()).isEmpty();
        assertThat(ldap.attributes().password()).contains("sipSecret");
    }

    @Test
    void eachLdapMistakeIsNamed() throws Exception {
        List<ConfigProblem> problems = problems(write("""
                cloudgate.directory {
                  source = ldap
                  ldap {
                    url = "http://pbx.example.com"
                    base-dn = "users at example"
                    filter = "(cn=alice"
                    attributes.email = "e mail"
                  }
                }
                """));

        assertThat(problems).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "cloudgate.directory.ldap.url", "cloudgate.directory.ldap.base-dn",
                "cloudgate.directory.ldap.filter", "cloudgate.directory.ldap.attributes.email");
        assertThat(problems).extracting(ConfigProblem::message).contains(
                "\"http://pbx.example.com\" is not an ldap:// or ldaps:// URL",
                "\"users at example\" is not a DN like ou=users,dc=example,dc=com");
    }

    @Test
    void theLdapSourceNeedsAServerAndABaseDn() throws Exception {
        assertThat(problems(write("cloudgate.directory.source = ldap\n")))
                .extracting(ConfigProblem::key, ConfigProblem::message).containsExactly(
                        tuple("cloudgate.directory.ldap.url", "the LDAP server, e.g. ldaps://pbx.example.com, is "
                                + "needed with cloudgate.directory.source = ldap"),
                        tuple("cloudgate.directory.ldap.base-dn", "the DN the user search starts at is needed with "
                                + "cloudgate.directory.source = ldap"));
    }

    @Test
    void usersFromTheConfigurationStillNeedAPassword() throws Exception {
        assertThat(problems(write("cloudgate.directory.users = [ { extension = \"201\" } ]\n")))
                .extracting(ConfigProblem::key).containsExactly("cloudgate.directory.users[0].password");
    }

    @Test
    void twoUsersWithOneGsmNumberAreRefusedAtTheSecond() throws Exception {
        List<ConfigProblem> problems = problems(write("""
                cloudgate.directory.users = [
                  { extension = "201", password = "a-secret", gsm = "+41791234567" }
                  { extension = "202", password = "b-secret", gsm = "+41790000000" }
                  { extension = "203", password = "c-secret", gsm = "+41791234567" }
                ]
                """));

        assertThat(problems).extracting(ConfigProblem::key, ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple("cloudgate.directory.users[2].gsm", 4, "GSM number +41791234567 is already the GSM of"
                        + " cloudgate.directory.users[0] (+41791234567)"));
    }

    private List<ConfigProblem> problems(Path file) {
        return catchThrowableOfType(InvalidSettingsException.class, () -> loader.load(file)).problems();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "cloudgate", ".conf"), text);
    }
}
