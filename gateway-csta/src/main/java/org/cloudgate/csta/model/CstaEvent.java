package org.cloudgate.csta.model;

import java.util.List;
import java.util.Objects;

/**
 * A CSTA event reported by a monitor (ECMA-269 clause 17.3 call control events and 21.2
 * logical device feature events).
 *
 * <p>Device fields hold the device identifier as the switch sent it, or {@code null} when the
 * switch reported it as not known, restricted or not required. {@code localConnectionInfo} and
 * {@code cause} are {@code null} when absent.
 */
public sealed interface CstaEvent {

    /** Which event this is. */
    EventType type();

    /** Why it happened (ECMA-269 12.2.10), or {@code null} when the switch did not say or the event has no cause. */
    default EventCause cause() {
        return null;
    }

    /** A call has ended for every device in it (ECMA-269 17.3.2). */
    record CallCleared(ConnectionId clearedCall, EventCause cause) implements CstaEvent {
        public CallCleared {
            Objects.requireNonNull(clearedCall, "clearedCall");
        }

        @Override
        public EventType type() {
            return EventType.CALL_CLEARED;
        }
    }

    /** Two calls were joined into a conference (ECMA-269 17.3.3). */
    record Conferenced(ConnectionId primaryOldCall, ConnectionId secondaryOldCall,
                       String conferencingDevice, String addedParty,
                       List<ConnectionListItem> conferenceConnections,
                       LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public Conferenced {
            Objects.requireNonNull(primaryOldCall, "primaryOldCall");
            conferenceConnections = List.copyOf(conferenceConnections);
        }

        @Override
        public EventType type() {
            return EventType.CONFERENCED;
        }
    }

    /** One device left a call (ECMA-269 17.3.4). */
    record ConnectionCleared(ConnectionId droppedConnection, String releasingDevice,
                             LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public ConnectionCleared {
            Objects.requireNonNull(droppedConnection, "droppedConnection");
        }

        @Override
        public EventType type() {
            return EventType.CONNECTION_CLEARED;
        }
    }

    /** A call is alerting a device (ECMA-269 17.3.5). */
    record Delivered(ConnectionId connection, String alertingDevice, String callingDevice,
                     String calledDevice, String lastRedirectionDevice,
                     LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public Delivered {
            Objects.requireNonNull(connection, "connection");
        }

        @Override
        public EventType type() {
            return EventType.DELIVERED;
        }
    }

    /** A call left a device for another destination (ECMA-269 17.3.7). */
    record Diverted(ConnectionId connection, String divertingDevice, String newDestination,
                    String callingDevice, String calledDevice, String lastRedirectionDevice,
                    LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public Diverted {
            Objects.requireNonNull(connection, "connection");
        }

        @Override
        public EventType type() {
            return EventType.DIVERTED;
        }
    }

    /** A device answered a call (ECMA-269 17.3.8). */
    record Established(ConnectionId establishedConnection, String answeringDevice, String callingDevice,
                       String calledDevice, String lastRedirectionDevice,
                       LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public Established {
            Objects.requireNonNull(establishedConnection, "establishedConnection");
        }

        @Override
        public EventType type() {
            return EventType.ESTABLISHED;
        }
    }

    /** A call could not be completed (ECMA-269 17.3.9). */
    record Failed(ConnectionId failedConnection, String failingDevice, String callingDevice,
                  String calledDevice, String lastRedirectionDevice,
                  LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public Failed {
            Objects.requireNonNull(failedConnection, "failedConnection");
        }

        @Override
        public EventType type() {
            return EventType.FAILED;
        }
    }

    /** A connection was put on hold (ECMA-269 17.3.10). */
    record Held(ConnectionId heldConnection, String holdingDevice,
                LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public Held {
            Objects.requireNonNull(heldConnection, "heldConnection");
        }

        @Override
        public EventType type() {
            return EventType.HELD;
        }
    }

    /** A device started an outgoing call (ECMA-269 17.3.14). */
    record Originated(ConnectionId originatedConnection, String callingDevice, String calledDevice,
                      LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public Originated {
            Objects.requireNonNull(originatedConnection, "originatedConnection");
        }

        @Override
        public EventType type() {
            return EventType.ORIGINATED;
        }
    }

    /** A held connection was taken back (ECMA-269 17.3.16). */
    record Retrieved(ConnectionId retrievedConnection, String retrievingDevice,
                     LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public Retrieved {
            Objects.requireNonNull(retrievedConnection, "retrievedConnection");
        }

        @Override
        public EventType type() {
            return EventType.RETRIEVED;
        }
    }

    /** A device went off-hook or a service began a call at it (ECMA-269 17.3.17). */
    record ServiceInitiated(ConnectionId initiatedConnection, String initiatingDevice,
                            LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public ServiceInitiated {
            Objects.requireNonNull(initiatedConnection, "initiatedConnection");
        }

        @Override
        public EventType type() {
            return EventType.SERVICE_INITIATED;
        }
    }

    /** A call was transferred (ECMA-269 17.3.18). */
    record Transferred(ConnectionId primaryOldCall, ConnectionId secondaryOldCall,
                       String transferringDevice, String transferredToDevice,
                       List<ConnectionListItem> transferredConnections,
                       LocalConnectionState localConnectionInfo, EventCause cause) implements CstaEvent {
        public Transferred {
            Objects.requireNonNull(primaryOldCall, "primaryOldCall");
            transferredConnections = List.copyOf(transferredConnections);
        }

        @Override
        public EventType type() {
            return EventType.TRANSFERRED;
        }
    }

    /** Do-not-disturb was turned on or off at a device (ECMA-269 21.2.5). */
    record DoNotDisturb(String device, boolean doNotDisturbOn) implements CstaEvent {
        @Override
        public EventType type() {
            return EventType.DO_NOT_DISTURB;
        }
    }

    /**
     * Forwarding changed at a device (ECMA-269 21.2.6).
     *
     * @param forwardingType the condition, or {@code null} if the switch did not say
     * @param forwardTo the destination, or {@code null}
     */
    record Forwarding(String device, ForwardingType forwardingType, boolean forwardStatus,
                      String forwardTo) implements CstaEvent {
        @Override
        public EventType type() {
            return EventType.FORWARDING;
        }
    }
}
