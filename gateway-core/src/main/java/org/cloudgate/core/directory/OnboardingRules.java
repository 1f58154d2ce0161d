package org.cloudgate.core.directory;

import org.cloudgate.core.config.UserSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is onboarded: a user needs a name, an e-mail address and a softphone secret, and then a
 * licence from the budget. Licences are sticky: a user who held one keeps it as long as it
 * still qualifies and the budget still covers it, so a user added to the directory never takes
 * the licence of one already onboarded. Free licences go to the other qualifying users in the
 * order given; the holders themselves are kept in that order too when a smaller budget cannot
 * cover them all.
 */
final class OnboardingRules {

    private OnboardingRules() {
    }

    /**
     * The verdict on each user, in the order given; licensed users get
     * {@link OnboardingStatus#ONBOARDED} here (whether a client is registered is decided later).
     *
     * @param users          in licence order
     * @param licensedBefore extensions that held a licence before this verdict
     */
    static Map<String, OnboardingStatus> verdicts(int licences, List<UserSettings> users, Set<String> licensedBefore) {
        Map<String, OnboardingStatus> verdicts = new LinkedHashMap<>();
        for (UserSettings user : users) {
            verdicts.put(user.extension(), missing(user));
        }
        int left = licences;
        for (UserSettings user : users) {
            if (verdicts.get(user.extension()) == null && licensedBefore.contains(user.extension()) && left > 0) {
                verdicts.put(user.extension(), OnboardingStatus.ONBOARDED);
                left--;
            }
        }
        for (UserSettings user : users) {
            if (verdicts.get(user.extension()) == null) {
                verdicts.put(user.extension(), left > 0 ? OnboardingStatus.ONBOARDED : OnboardingStatus.NO_LICENCE_LEFT);
                left = Math.max(0, left - 1);
            }
        }
        return verdicts;
    }

    /** The first thing the user lacks, or {@code null} when it qualifies for a licence. */
    private static OnboardingStatus missing(UserSettings user) {
        if (user.name().isEmpty()) {
            return OnboardingStatus.MISSING_NAME;
        }
        if (user.email().isEmpty()) {
            return OnboardingStatus.MISSING_EMAIL;
        }
        if (!user.hasPassword()) {
            return OnboardingStatus.MISSING_PASSWORD;
        }
        return null;
    }
}
