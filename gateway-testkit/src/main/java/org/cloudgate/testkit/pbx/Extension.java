package org.cloudgate.testkit.pbx;

import java.time.Duration;

/**
 * One extension of the simulated PBX: the user it belongs to and how it answers calls.
 *
 * @param user      number, name and e-mail
 * @param behaviour what an INVITE to it gets
 * @param delay     ringing time before answering ({@link ExtensionBehaviour#ANSWER},
 *                  {@link ExtensionBehaviour#RING}) or before giving up
 *                  ({@link ExtensionBehaviour#NO_ANSWER}); ignored by the others
 */
public record Extension(PbxUser user, ExtensionBehaviour behaviour, Duration delay) {

    public Extension {
        if (user == null || behaviour == null || delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("an extension needs a user, a behaviour and a delay >= 0: " + user
                    + ", " + behaviour + ", " + delay);
        }
    }

    /** An extension with the behaviour's default delay. */
    public static Extension of(String number, String name, String email, ExtensionBehaviour behaviour) {
        return new Extension(new PbxUser(number, name, email), behaviour, behaviour.defaultDelay());
    }

    public String number() {
        return user.extension();
    }

    /** The same extension with another delay. */
    public Extension withDelay(Duration newDelay) {
        return new Extension(user, behaviour, newDelay);
    }
}
