package org.cloudgate.sip.registration;

/**
 * The registrar's limits (RFC 3261 section 10.3 steps 7 and 8).
 *
 * @param minExpires        shortest registration accepted in seconds; shorter gets 423 with Min-Expires
 * @param maxExpires        longest registration granted in seconds; longer is shortened to it
 * @param defaultExpires    the registration time when the client names none
 * @param maxBindingsPerUser how many clients one user may register at once; more gets 403, so a
 *                          client cannot grow the table without bound
 */
public record RegistrarSettings(long minExpires, long maxExpires, long defaultExpires, int maxBindingsPerUser) {

    public static final RegistrarSettings DEFAULTS = new RegistrarSettings(60, 3600, 3600, 10);

    public RegistrarSettings {
        if (minExpires < 1 || maxExpires < minExpires || defaultExpires < minExpires || defaultExpires > maxExpires
                || maxBindingsPerUser < 1) {
            throw new IllegalArgumentException("need 1 <= min-expires <= default-expires <= max-expires and at least one"
                    + " binding per user: " + minExpires + ", " + defaultExpires + ", " + maxExpires + ", "
                    + maxBindingsPerUser);
        }
    }
}
