package org.cloudgate.core.directory;

/** Whether a user can use a softphone through the gateway, and if not, why not. */
public enum OnboardingStatus {
    ONBOARDED("onboarded"),
    MISSING_NAME("missing name"),
    MISSING_EMAIL("missing e-mail"),
    NO_LICENCE_LEFT("no licence left");

    private final String text;

    OnboardingStatus(String text) {
        this.text = text;
    }

    /** For logs and the API, e.g. "missing e-mail". */
    public String text() {
        return text;
    }
}
