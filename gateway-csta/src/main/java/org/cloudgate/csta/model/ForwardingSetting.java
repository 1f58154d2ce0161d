package org.cloudgate.csta.model;

/**
 * One entry of a device's forwarding list (ECMA-269 21.1.6, ECMA-285 {@code ForwardList}).
 *
 * @param forwardingType the condition, or {@code null} if the switch did not say
 * @param forwardStatus whether this forwarding is on
 * @param forwardDn the destination, or {@code null}
 */
public record ForwardingSetting(ForwardingType forwardingType, boolean forwardStatus, String forwardDn) {
}
