package org.cloudgate.core.events;

import java.util.Objects;
import org.cloudgate.core.directory.OnboardingStatus;

/**
 * A user's onboarding status changed, e.g. after the directory was reloaded: a user was added or
 * removed, got an e-mail address, or got or lost a licence.
 *
 * @param user     the user's extension
 * @param status   the status now, or {@code null} when the user left the directory
 * @param previous the status before, or {@code null} when the user is new
 */
public record UserChanged(String user, OnboardingStatus status, OnboardingStatus previous) implements EventBody {

    public UserChanged {
        Objects.requireNonNull(user, "user");
        if (status == null && previous == null) {
            throw new IllegalArgumentException("a user change needs a status before or after");
        }
    }

    @Override
    public EventKind kind() {
        return EventKind.USER;
    }
}
