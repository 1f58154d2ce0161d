package org.cloudgate.sip.registration;

/**
 * Told when a user becomes reachable through the gateway and when no longer: the gateway then
 * registers or unregisters the user's terminal toward the PBX ({@link PbxRegistration}).
 * Further clients of a user already registered do not call it again. Called on the
 * registrar's event loop; must not block.
 */
public interface RegistrationListener {

    /** {@code user} has a binding and had none before. */
    void firstBinding(String user, Binding binding);

    /** The last binding of {@code user} was removed or expired. */
    void lastBindingGone(String user);

    /** This listener, then {@code next}, for each event. */
    default RegistrationListener andThen(RegistrationListener next) {
        RegistrationListener first = this;
        return new RegistrationListener() {
            @Override
            public void firstBinding(String user, Binding binding) {
                first.firstBinding(user, binding);
                next.firstBinding(user, binding);
            }

            @Override
            public void lastBindingGone(String user) {
                first.lastBindingGone(user);
                next.lastBindingGone(user);
            }
        };
    }

    /** A listener that ignores both events. */
    RegistrationListener NONE = new RegistrationListener() {
        @Override
        public void firstBinding(String user, Binding binding) {
        }

        @Override
        public void lastBindingGone(String user) {
        }
    };
}
