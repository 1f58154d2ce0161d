package org.cloudgate.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cloudgate.core.config.UserSettings;
import org.cloudgate.core.directory.DirectoryUser;
import org.cloudgate.core.directory.OnboardingStatus;
import org.junit.jupiter.api.Test;

/** Onboarding changes between two directory states become user events, and only changes do. */
class OnboardingFeedTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventJournal journal = new EventJournal(100, Duration.ofHours(1), Clock.systemUTC(), registry);
    private final OnboardingFeed feed = new OnboardingFeed(journal);

    private static DirectoryUser user(String extension, OnboardingStatus status) {
        return new DirectoryUser(new UserSettings(extension, Optional.of("User " + extension), Optional.empty(),
                "secret", Optional.empty(), false), status);
    }

    private List<UserChanged> changes() {
        return journal.since(0, 100).events().stream().map(event -> (UserChanged) event.body()).toList();
    }

    @Test
    void newDepartedAndChangedUsersAreEventsAndUnchangedOnesAreNot() throws Exception {
        feed.changed(
                List.of(user("201", OnboardingStatus.ONBOARDED), user("202", OnboardingStatus.NO_LICENCE_LEFT),
                        user("203", OnboardingStatus.MISSING_EMAIL)),
                List.of(user("201", OnboardingStatus.ONBOARDED), user("202", OnboardingStatus.ONBOARDED),
                        user("204", OnboardingStatus.MISSING_NAME)));

        assertThat(changes()).containsExactly(
                new UserChanged("202", OnboardingStatus.ONBOARDED, OnboardingStatus.NO_LICENCE_LEFT),
                new UserChanged("204", OnboardingStatus.MISSING_NAME, null),
                new UserChanged("203", null, OnboardingStatus.MISSING_EMAIL));
        assertThat(registry.get("cloudgate.api.events.appended").tag("type", "user").counter().count()).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(journal.event(3).json()).toString()).endsWith(
                "\"type\":\"user\",\"user\":\"203\",\"status\":null,\"previous\":\"missing_email\"}");
    }

    @Test
    void theSameUsersGiveNoEvents() {
        List<DirectoryUser> users = List.of(user("201", OnboardingStatus.ONBOARDED));
        feed.changed(users, users);
        assertThat(journal.latestId()).isZero();
    }
}
