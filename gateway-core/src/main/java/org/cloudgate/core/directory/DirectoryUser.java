package org.cloudgate.core.directory;

import org.cloudgate.core.config.UserSettings;

/** A user as the gateway sees it: the configured data and the onboarding verdict on it. */
public record DirectoryUser(UserSettings settings, OnboardingStatus status) {

    public String extension() {
        return settings.extension();
    }

    /**
     * Holds a licence, so may register, authenticate, be called and be monitored: status
     * {@link OnboardingStatus#ONBOARDED} or {@link OnboardingStatus#TERMINAL_NOT_REGISTERED}.
     */
    public boolean onboarded() {
        return status.licensed();
    }
}
