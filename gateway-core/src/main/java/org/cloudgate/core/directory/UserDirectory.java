package org.cloudgate.core.directory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.cloudgate.core.config.DirectorySettings;
import org.cloudgate.core.config.UserSettings;
import org.cloudgate.sip.auth.CredentialStore;
import org.cloudgate.sip.auth.DigestSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The softphone users and their onboarding: each needs a name and an e-mail address, and a
 * licence from the PBX's budget, handed out in list order. Only onboarded users can
 * authenticate. Replaced as a whole on reload; readers on any thread see one consistent
 * snapshot.
 */
public final class UserDirectory implements CredentialStore {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    /** One directory content: users by extension, and how many have each status. */
    private record Snapshot(Map<String, DirectoryUser> users, Map<OnboardingStatus, Integer> counts) {
    }

    private volatile Snapshot snapshot = new Snapshot(Map.of(), new EnumMap<>(OnboardingStatus.class));

    public UserDirectory(DirectorySettings settings, MeterRegistry registry) {
        for (OnboardingStatus status : OnboardingStatus.values()) {
            Gauge.builder("cloudgate.users", this, d -> d.snapshot.counts().getOrDefault(status, 0))
                    .description("Softphone users by onboarding status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .register(registry);
        }
        apply(settings);
    }

    /** Onboards the users of {@code settings}, replacing the current ones, and logs the outcome. */
    public void apply(DirectorySettings settings) {
        Map<String, DirectoryUser> users = new LinkedHashMap<>();
        Map<OnboardingStatus, Integer> counts = new EnumMap<>(OnboardingStatus.class);
        int licencesLeft = settings.licences();
        for (UserSettings user : settings.users()) {
            OnboardingStatus status;
            if (user.name().isEmpty()) {
                status = OnboardingStatus.MISSING_NAME;
            } else if (user.email().isEmpty()) {
                status = OnboardingStatus.MISSING_EMAIL;
            } else if (licencesLeft == 0) {
                status = OnboardingStatus.NO_LICENCE_LEFT;
            } else {
                status = OnboardingStatus.ONBOARDED;
                licencesLeft--;
            }
            counts.merge(status, 1, Integer::sum);
            users.put(user.extension(), new DirectoryUser(user, status));
            if (status != OnboardingStatus.ONBOARDED) {
                log.warn("user {} ({}) is not onboarded: {}", user.extension(), user.name().orElse("no name"),
                        status.text());
            }
        }
        snapshot = new Snapshot(Map.copyOf(users), counts);
        log.info("directory: {} user{}, {} onboarded, {} of {} licences left", users.size(),
                users.size() == 1 ? "" : "s", counts.getOrDefault(OnboardingStatus.ONBOARDED, 0), licencesLeft,
                settings.licences());
    }

    public DirectoryUser user(String extension) {
        return snapshot.users().get(extension);
    }

    public List<DirectoryUser> users() {
        return List.copyOf(snapshot.users().values());
    }

    /** The digest secret of an onboarded user; nothing for anyone else (RFC 3261 section 22). */
    @Override
    public DigestSecret secret(String username) {
        DirectoryUser user = snapshot.users().get(username);
        return user == null || !user.onboarded() ? null : DigestSecret.password(user.settings().password());
    }
}
