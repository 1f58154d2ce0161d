package org.cloudgate.core.directory.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import org.cloudgate.core.config.LdapAttributes;
import org.cloudgate.core.config.UserSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LdapUserMappingTest {

    private final LdapUserMapping mapping = new LdapUserMapping(new LdapAttributes("telephoneNumber", "cn", "mail",
            Optional.of("mobile"), Optional.empty()));

    @Test
    void theMappedAttributesMakeTheUser() {
        MappedDirectory mapped = mapping.map(List.of(entry("uid=alice", "telephoneNumber", " 201 ", "cn", "Alice Example",
                "mail", "alice@example.com", "mobile", "+41 (79) 123-45.67")), List.of());

        assertThat(mapped.users()).containsExactly(new UserSettings("201", Optional.of("Alice Example"),
                Optional.of("alice@example.com"), "", Optional.of("+41791234567"), false));
        assertThat(mapped.skipped()).isEmpty();
    }

    @Test
    void valuesThatAreNotAnAddressOrANumberCountAsMissing() {
        MappedDirectory mapped = mapping.map(List.of(entry("uid=bob", "telephoneNumber", "202", "cn", "Bob",
                "mail", "bob at example.com", "mobile", "079 123 45 67")), List.of());

        assertThat(mapped.users()).singleElement().satisfies(user -> {
            assertThat(user.email()).isEmpty();
            assertThat(user.gsm()).isEmpty();
        });
    }

    @Test
    void theUsersListCompletesAndOverridesEntries() {
        List<UserSettings> overrides = List.of(
                new UserSettings("201", Optional.empty(), Optional.of("alice@work.example"), "alice-secret",
                        Optional.empty(), true),
                new UserSettings("202", Optional.empty(), Optional.empty(), "bob-secret", Optional.empty(), true),
                new UserSettings("299", Optional.of("Nobody"), Optional.empty(), "x", Optional.empty(), false));

        MappedDirectory mapped = mapping.map(List.of(
                entry("uid=alice", "telephoneNumber", "201", "cn", "Alice", "mail", "alice@example.com",
                        "mobile", "0041791234567"),
                entry("uid=bob", "telephoneNumber", "202", "cn", "Bob", "mail", "bob@example.com")), overrides);

        assertThat(mapped.users()).containsExactly(
                new UserSettings("201", Optional.of("Alice"), Optional.of("alice@work.example"), "alice-secret",
                        Optional.of("+41791234567"), true),
                // use-gsm without any GSM number is off
                new UserSettings("202", Optional.of("Bob"), Optional.of("bob@example.com"), "bob-secret",
                        Optional.empty(), false));
        assertThat(mapped.unmatchedOverrides()).containsExactly("299");
    }

    @Test
    void aMappedPasswordAttributeGivesTheSecret() {
        LdapUserMapping withSecret = new LdapUserMapping(new LdapAttributes("telephoneNumber", "cn", "mail",
                Optional.empty(), Optional.of("sipSecret")));

        MappedDirectory mapped = withSecret.map(List.of(entry("uid=alice", "telephoneNumber", "201", "cn", "Alice",
                "mail", "alice@example.com", "sipSecret", "from-ldap")), List.of());

        assertThat(mapped.users()).singleElement().extracting(UserSettings::password).isEqualTo("from-ldap");
        assertThat(withSecret.requested()).containsExactly("telephoneNumber", "cn", "mail", "sipSecret");
    }

    @Test
    void entriesWithoutAUsableExtensionAreSkippedByReason() {
        MappedDirectory mapped = mapping.map(List.of(
                entry("uid=room", "cn", "Meeting room"),
                entry("uid=switchboard", "telephoneNumber", "+41 44 000 00 00", "cn", "Switchboard"),
                entry("uid=alice", "telephoneNumber", "201", "cn", "Alice")), List.of());

        assertThat(mapped.users()).extracting(UserSettings::extension).containsExactly("201");
        assertThat(mapped.skipped()).isEqualTo(Map.of(
                SkipReason.MISSING_EXTENSION, List.of("uid=room,ou=users,dc=example,dc=com"),
                SkipReason.INVALID_EXTENSION, List.of("uid=switchboard,ou=users,dc=example,dc=com")));
    }

    @Test
    void ofTwoEntriesWithOneExtensionTheFirstInDnOrderWinsWhateverTheServerOrder() {
        List<Entry> entries = List.of(
                entry("uid=zoe", "telephoneNumber", "201", "cn", "Zoe"),
                entry("uid=adam", "telephoneNumber", "201", "cn", "Adam"));

        MappedDirectory forward = mapping.map(entries, List.of());
        MappedDirectory backward = mapping.map(List.of(entries.get(1), entries.get(0)), List.of());

        assertThat(forward).isEqualTo(backward);
        assertThat(forward.users()).singleElement().extracting(UserSettings::name).isEqualTo(Optional.of("Adam"));
        assertThat(forward.skipped().get(SkipReason.DUPLICATE_EXTENSION))
                .containsExactly("uid=zoe,ou=users,dc=example,dc=com");
    }

    @Test
    void ofTwoEntriesWithOneGsmNumberTheLaterInDnOrderLosesItAndIsReported() {
        List<Entry> entries = List.of(
                entry("uid=zoe", "telephoneNumber", "202", "cn", "Zoe", "mobile", "+41 79 123 45 67"),
                entry("uid=adam", "telephoneNumber", "201", "cn", "Adam", "mobile", "0041791234567"));
        List<UserSettings> overrides = List.of(
                new UserSettings("202", Optional.empty(), Optional.empty(), "zoe-secret", Optional.empty(), true));

        MappedDirectory mapped = mapping.map(entries, overrides);

        assertThat(mapped.users()).extracting(UserSettings::extension, UserSettings::gsm, UserSettings::useGsm)
                .containsExactly(tuple("201", Optional.of("+41791234567"), false), tuple("202", Optional.empty(), false));
        assertThat(mapped.sharedGsm()).containsExactly("202 (+41791234567, the GSM of 201)");
        assertThat(mapped.skipped()).as("both are still users").isEmpty();
    }

    @Test
    void usersComeInExtensionOrder() {
        MappedDirectory mapped = mapping.map(List.of(
                entry("uid=a", "telephoneNumber", "1000", "cn", "A"),
                entry("uid=b", "telephoneNumber", "99", "cn", "B"),
                entry("uid=c", "telephoneNumber", "201", "cn", "C")), List.of());

        assertThat(mapped.users()).extracting(UserSettings::extension).containsExactly("99", "201", "1000");
    }

    /** An entry under ou=users,dc=example,dc=com with attribute names and values in pairs. */
    private static Entry entry(String rdn, String... pairs) {
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.add(new Attribute(pairs[i], pairs[i + 1]));
        }
        return new Entry(rdn + ",ou=users,dc=example,dc=com", attributes);
    }
}
