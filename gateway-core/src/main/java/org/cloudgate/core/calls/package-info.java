/**
 * The gateway's call routing and number rules: which way a call goes (PBX to a user's clients or
 * GSM, client to the PBX, call-through dial-in) and what identity and redirection headers it
 * carries on the way, as the operator set them in {@code cloudgate.calls}.
 */
package org.cloudgate.core.calls;
