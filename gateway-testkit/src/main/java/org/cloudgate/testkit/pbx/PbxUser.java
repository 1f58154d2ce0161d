package org.cloudgate.testkit.pbx;

/**
 * A person on the simulated PBX, as the PBX's user directory lists them: what demo mode turns
 * into the gateway's {@code cloudgate.directory} users (name and e-mail are both required to
 * onboard a softphone user).
 *
 * @param extension the internal number
 * @param name      the display name
 * @param email     the e-mail address
 */
public record PbxUser(String extension, String name, String email) {

    public PbxUser {
        if (extension == null || extension.isEmpty() || !extension.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("an extension is a non-empty string of digits: " + extension);
        }
        if (name == null || name.isBlank() || email == null || email.indexOf('@') <= 0) {
            throw new IllegalArgumentException("extension " + extension + " needs a name and an e-mail address: "
                    + name + ", " + email);
        }
    }
}
