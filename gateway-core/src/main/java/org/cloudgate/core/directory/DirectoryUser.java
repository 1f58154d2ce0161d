package org.cloudgate.core.directory;

import org.cloudgate.core.config.UserSettings;

/** A user as the gateway sees it: the configured data and the onboarding verdict on it. */
public record DirectoryUser(UserSettings settings, OnboardingStatus status) {

    public String extension() {
        return settings.extension();
    }

    public boolean onboarded() {
        return status == OnboardingStatus.ONBOARDED;
    }
}
