package org.cloudgate.core.directory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cloudgate.core.config.DirectorySettings;
import org.cloudgate.core.config.UserSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class UserDirectoryTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UserDirectory directory = new UserDirectory(new DirectorySettings(0, List.of()), registry);

    @Test
    void eachUserGetsTheFirstRuleItFails() {
        directory.replace(2, List.of(
                user("201", "Alice", "alice@example.com", "a"),
                user("202", null, null, "b"),
                user("203", "Carol", null, "c"),
                user("204", "Dave", "dave@example.com", ""),
                user("205", "Erin", "erin@example.com", "e"),
                user("206", "Frank", "frank@example.com", "f")));

        assertThat(directory.users()).extracting(DirectoryUser::extension, DirectoryUser::status).containsExactly(
                tuple("201", OnboardingStatus.TERMINAL_NOT_REGISTERED),
                tuple("202", OnboardingStatus.MISSING_NAME),
                tuple("203", OnboardingStatus.MISSING_EMAIL),
                tuple("204", OnboardingStatus.MISSING_PASSWORD),
                tuple("205", OnboardingStatus.TERMINAL_NOT_REGISTERED),
                tuple("206", OnboardingStatus.NO_LICENCE_LEFT));
        assertThat(directory.secret("205")).isNotNull();
        assertThat(directory.secret("206")).isNull();
        assertThat(directory.secret("204")).isNull();
    }

    @Test
    void aRegisteredClientMakesALicensedUserOnboardedUntilItIsGone() {
        directory.replace(1, List.of(user("201", "Alice", "alice@example.com", "a"),
                user("202", "Bob", "bob@example.com", "b")));

        directory.firstBinding("201", null);
        directory.firstBinding("202", null);

        assertThat(directory.user("201").status()).isEqualTo(OnboardingStatus.ONBOARDED);
        assertThat(directory.user("202").status()).isEqualTo(OnboardingStatus.NO_LICENCE_LEFT);
        assertThat(gauge("onboarded")).isEqualTo(1);
        assertThat(gauge("terminal-not-registered")).isZero();
        assertThat(gauge("no-licence-left")).isEqualTo(1);

        directory.lastBindingGone("201");

        assertThat(directory.user("201").status()).isEqualTo(OnboardingStatus.TERMINAL_NOT_REGISTERED);
        assertThat(directory.user("201").onboarded()).isTrue();
        assertThat(gauge("onboarded")).isZero();
        assertThat(gauge("terminal-not-registered")).isEqualTo(1);
    }

    @Test
    void aNewUserEarlierInTheOrderDoesNotTakeALicenceAlreadyHandedOut() {
        directory.replace(1, List.of(user("202", "Bob", "bob@example.com", "b")));

        directory.replace(1, List.of(user("201", "Alice", "alice@example.com", "a"),
                user("202", "Bob", "bob@example.com", "b")));

        assertThat(directory.user("201").status()).isEqualTo(OnboardingStatus.NO_LICENCE_LEFT);
        assertThat(directory.user("202").onboarded()).isTrue();
    }

    @Test
    void aUserThatNoLongerQualifiesFreesItsLicenceForTheNextInOrder() {
        directory.replace(1, List.of(user("201", "Alice", "alice@example.com", "a"),
                user("202", "Bob", "bob@example.com", "b")));

        directory.replace(1, List.of(user("201", "Alice", null, "a"), user("202", "Bob", "bob@example.com", "b")));

        assertThat(directory.user("201").status()).isEqualTo(OnboardingStatus.MISSING_EMAIL);
        assertThat(directory.user("202").onboarded()).isTrue();
    }

    @Test
    void listenersHearWhatChangedAndNothingWhenNothingDid() {
        List<DirectoryChange> changes = new ArrayList<>();
        directory.addListener(changes::add);
        directory.replace(2, List.of(user("201", "Alice", "alice@example.com", "a"),
                user("202", "Bob", "bob@example.com", "b"), user("203", "Carol", "carol@example.com", "c")));
        changes.clear();

        directory.replace(2, List.of(user("201", "Alice", "alice@example.com", "a"),
                user("202", "Bob", "bob@example.com", "b"), user("203", "Carol", "carol@example.com", "c")));
        assertThat(changes).isEmpty();

        directory.replace(2, List.of(user("202", "Bob", "bob@elsewhere.example", "b"),
                user("203", "Carol", "carol@example.com", "c"), user("204", "Dave", "dave@example.com", "d")));

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.added()).containsExactly("204");
            assertThat(change.removed()).containsExactly("201");
            // Carol takes the licence Alice left
            assertThat(change.changed()).containsExactlyInAnyOrder("202", "203");
            assertThat(change.unlicensed()).containsExactly("201");
        });
        assertThat(directory.user("203").onboarded()).isTrue();
        assertThat(directory.user("204").status()).isEqualTo(OnboardingStatus.NO_LICENCE_LEFT);
    }

    @Test
    void aSmallerBudgetTakesTheLicencesOfTheLastHoldersInOrder() {
        List<UserSettings> users = List.of(user("201", "Alice", "alice@example.com", "a"),
                user("202", "Bob", "bob@example.com", "b"));
        directory.replace(2, users);
        List<DirectoryChange> changes = new ArrayList<>();
        directory.addListener(changes::add);

        directory.replace(1, users);

        assertThat(directory.user("201").onboarded()).isTrue();
        assertThat(directory.user("202").status()).isEqualTo(OnboardingStatus.NO_LICENCE_LEFT);
        assertThat(changes).singleElement().extracting(DirectoryChange::unlicensed).isEqualTo(Set.of("202"));
    }

    private double gauge(String status) {
        return registry.get("cloudgate.users").tag("status", status).gauge().value();
    }

    private static UserSettings user(String extension, String name, String email, String password) {
        return new UserSettings(extension, Optional.ofNullable(name), Optional.ofNullable(email), password,
                Optional.empty(), false);
    }
}
