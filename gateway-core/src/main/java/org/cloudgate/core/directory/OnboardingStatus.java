package org.cloudgate.core.directory;

import java.util.Locale;

/**
 * Whether a user can use a softphone through the gateway, and if not, why not. Each user has
 * exactly one: the first rule it fails in the order of the constants below (after the two
 * licensed ones), or one of the licensed ones.
 */
public enum OnboardingStatus {
    /** Licensed, and at least one softphone client is registered with the gateway. */
    ONBOARDED("onboarded"),
    /** Licensed and able to register, but no softphone client is registered right now. */
    TERMINAL_NOT_REGISTERED("terminal not registered"),
    MISSING_NAME("missing name"),
    MISSING_EMAIL("missing e-mail"),
    /** Neither the LDAP entry nor the users list gives the softphone a secret (LDAP source only). */
    MISSING_PASSWORD("missing password"),
    NO_LICENCE_LEFT("no licence left");

    private final String text;

    OnboardingStatus(String text) {
        this.text = text;
    }

    /** For logs and the API, e.g. "missing e-mail". */
    public String text() {
        return text;
    }

    /** The label of the {@code cloudgate_users} gauge, e.g. "missing-email". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Holds a licence: may register, be called and be monitored. */
    public boolean licensed() {
        return this == ONBOARDED || this == TERMINAL_NOT_REGISTERED;
    }
}
