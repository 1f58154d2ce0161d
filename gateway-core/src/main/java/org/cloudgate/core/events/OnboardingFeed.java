package org.cloudgate.core.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cloudgate.core.directory.DirectoryUser;

/**
 * Puts the changes of the users' onboarding statuses into the event journal: called with the
 * users before and after the directory changed, it appends one {@link UserChanged} per user whose
 * status changed, who arrived or who left, in the order of the new list, then the departed.
 */
public final class OnboardingFeed {

    private final EventJournal journal;

    public OnboardingFeed(EventJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    public void changed(List<DirectoryUser> before, List<DirectoryUser> after) {
        Map<String, DirectoryUser> previous = new HashMap<>();
        for (DirectoryUser user : before) {
            previous.put(user.extension(), user);
        }
        for (DirectoryUser user : after) {
            DirectoryUser was = previous.remove(user.extension());
            if (was == null || was.status() != user.status()) {
                journal.append(new UserChanged(user.extension(), user.status(), was == null ? null : was.status()));
            }
        }
        for (DirectoryUser gone : before) {
            if (previous.containsKey(gone.extension())) {
                journal.append(new UserChanged(gone.extension(), null, gone.status()));
            }
        }
    }
}
