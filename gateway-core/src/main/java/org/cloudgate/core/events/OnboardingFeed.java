package org.cloudgate.core.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.cloudgate.core.directory.DirectoryListener;
import org.cloudgate.core.directory.DirectoryUser;
import org.cloudgate.core.directory.UserDirectory;

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

    /**
     * A listener for {@code directory} (config reloads and LDAP resyncs alike) that remembers the
     * users it last saw and feeds each change through {@link #changed}.
     */
    public DirectoryListener following(UserDirectory directory) {
        AtomicReference<List<DirectoryUser>> seen = new AtomicReference<>(directory.users());
        return change -> {
            List<DirectoryUser> now = directory.users();
            changed(seen.getAndSet(now), now);
        };
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
