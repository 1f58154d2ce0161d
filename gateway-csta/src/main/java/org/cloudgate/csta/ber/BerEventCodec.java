package org.cloudgate.csta.ber;

import static org.cloudgate.csta.ber.BerTag.CALLED_DEVICE;
import static org.cloudgate.csta.ber.BerTag.CALLING_DEVICE;
import static org.cloudgate.csta.ber.BerTag.CONNECTION_ID;
import static org.cloudgate.csta.ber.BerTag.REDIRECTION_DEVICE;
import static org.cloudgate.csta.ber.BerTag.SUBJECT_DEVICE;
import static org.cloudgate.csta.ber.BerTag.contextConstructed;
import static org.cloudgate.csta.ber.CstaBerTypes.readConnectionId;
import static org.cloudgate.csta.ber.CstaBerTypes.readTaggedDevice;
import static org.cloudgate.csta.ber.CstaBerTypes.writeConnectionId;
import static org.cloudgate.csta.ber.CstaBerTypes.writeTaggedDevice;

import java.util.List;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.ConnectionListItem;
import org.cloudgate.csta.model.CstaEvent;
import org.cloudgate.csta.model.CstaEvent.CallCleared;
import org.cloudgate.csta.model.CstaEvent.Conferenced;
import org.cloudgate.csta.model.CstaEvent.ConnectionCleared;
import org.cloudgate.csta.model.CstaEvent.Delivered;
import org.cloudgate.csta.model.CstaEvent.Diverted;
import org.cloudgate.csta.model.CstaEvent.DoNotDisturb;
import org.cloudgate.csta.model.CstaEvent.Established;
import org.cloudgate.csta.model.CstaEvent.Failed;
import org.cloudgate.csta.model.CstaEvent.Forwarding;
import org.cloudgate.csta.model.CstaEvent.Held;
import org.cloudgate.csta.model.CstaEvent.Originated;
import org.cloudgate.csta.model.CstaEvent.Retrieved;
import org.cloudgate.csta.model.CstaEvent.ServiceInitiated;
import org.cloudgate.csta.model.CstaEvent.Transferred;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.EventType;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * The event types of {@code EventSpecificInfo} (ECMA-285 module CSTA-event-report-definitions),
 * each an IMPLICIT SEQUENCE under its event tag. Only the fields of the model are written;
 * on reading, fields the model does not hold are skipped and counted.
 */
final class BerEventCodec {

    private BerEventCodec() {
    }

    /** Writes {@code [category] { [tag] IMPLICIT SEQUENCE {...} }}. */
    static void write(BerWriter w, CstaEvent event) {
        EventType type = event.type();
        w.start(contextConstructed(type.category())).start(contextConstructed(type.tag()));
        switch (type) {
            case CALL_CLEARED -> {
                CallCleared e = (CallCleared) event;
                writeConnectionId(w, CONNECTION_ID, e.clearedCall());
                CstaBerTypes.writeCause(w, e.cause());
            }
            case CONFERENCED -> {
                Conferenced e = (Conferenced) event;
                writeConnectionId(w, CONNECTION_ID, e.primaryOldCall());
                if (e.secondaryOldCall() != null) {
                    writeConnectionId(w, CONNECTION_ID, e.secondaryOldCall());
                }
                writeTaggedDevice(w, SUBJECT_DEVICE, e.conferencingDevice());
                writeTaggedDevice(w, SUBJECT_DEVICE, e.addedParty());
                CstaBerTypes.writeConnectionList(w, BerTag.SEQUENCE, e.conferenceConnections());
                writeTail(w, e.localConnectionInfo(), e.cause());
            }
            case CONNECTION_CLEARED -> {
                ConnectionCleared e = (ConnectionCleared) event;
                writeSubjectEvent(w, e.droppedConnection(), e.releasingDevice(), e.localConnectionInfo(), e.cause());
            }
            case DELIVERED -> {
                Delivered e = (Delivered) event;
                writePartyEvent(w, e.connection(), e.alertingDevice(), e.callingDevice(), e.calledDevice(),
                        e.lastRedirectionDevice(), e.localConnectionInfo(), e.cause());
            }
            case DIVERTED -> {
                Diverted e = (Diverted) event;
                writeConnectionId(w, CONNECTION_ID, e.connection());
                writeTaggedDevice(w, SUBJECT_DEVICE, e.divertingDevice());
                writeTaggedDevice(w, SUBJECT_DEVICE, e.newDestination());
                if (e.callingDevice() != null) {
                    writeTaggedDevice(w, CALLING_DEVICE, e.callingDevice());
                }
                if (e.calledDevice() != null) {
                    writeTaggedDevice(w, CALLED_DEVICE, e.calledDevice());
                }
                writeTaggedDevice(w, REDIRECTION_DEVICE, e.lastRedirectionDevice());
                writeTail(w, e.localConnectionInfo(), e.cause());
            }
            case ESTABLISHED -> {
                Established e = (Established) event;
                writePartyEvent(w, e.establishedConnection(), e.answeringDevice(), e.callingDevice(),
                        e.calledDevice(), e.lastRedirectionDevice(), e.localConnectionInfo(), e.cause());
            }
            case FAILED -> {
                Failed e = (Failed) event;
                writePartyEvent(w, e.failedConnection(), e.failingDevice(), e.callingDevice(), e.calledDevice(),
                        e.lastRedirectionDevice(), e.localConnectionInfo(), e.cause());
            }
            case HELD -> {
                Held e = (Held) event;
                writeSubjectEvent(w, e.heldConnection(), e.holdingDevice(),
                        e.localConnectionInfo(), e.cause());
            }
            case ORIGINATED -> {
                Originated e = (Originated) event;
                writeConnectionId(w, CONNECTION_ID, e.originatedConnection());
                writeTaggedDevice(w, SUBJECT_DEVICE, e.callingDevice());
                writeTaggedDevice(w, CALLED_DEVICE, e.calledDevice());
                writeTail(w, e.localConnectionInfo(), e.cause());
            }
            case RETRIEVED -> {
                Retrieved e = (Retrieved) event;
                writeSubjectEvent(w, e.retrievedConnection(), e.retrievingDevice(),
                        e.localConnectionInfo(), e.cause());
            }
            case SERVICE_INITIATED -> {
                ServiceInitiated e = (ServiceInitiated) event;
                writeSubjectEvent(w, e.initiatedConnection(), e.initiatingDevice(),
                        e.localConnectionInfo(), e.cause());
            }
            case TRANSFERRED -> {
                Transferred e = (Transferred) event;
                writeConnectionId(w, CONNECTION_ID, e.primaryOldCall());
                if (e.secondaryOldCall() != null) {
                    writeConnectionId(w, contextConstructed(0), e.secondaryOldCall());
                }
                writeTaggedDevice(w, SUBJECT_DEVICE, e.transferringDevice());
                writeTaggedDevice(w, SUBJECT_DEVICE, e.transferredToDevice());
                CstaBerTypes.writeConnectionList(w, contextConstructed(1), e.transferredConnections());
                writeTail(w, e.localConnectionInfo(), e.cause());
            }
            case DO_NOT_DISTURB -> {
                DoNotDisturb e = (DoNotDisturb) event;
                writeTaggedDevice(w, SUBJECT_DEVICE, e.device());
                w.writeBoolean(BerTag.BOOLEAN, e.doNotDisturbOn());
            }
            case FORWARDING -> {
                Forwarding e = (Forwarding) event;
                writeTaggedDevice(w, SUBJECT_DEVICE, e.device());
                if (e.forwardingType() != null) {
                    w.writeInt(BerTag.ENUMERATED, ForwardingType.WIRE.code(e.forwardingType()));
                }
                w.writeBoolean(BerTag.BOOLEAN, e.forwardStatus());
                if (e.forwardTo() != null) {
                    CstaBerTypes.writeDeviceId(w, e.forwardTo());
                }
            }
        }
        w.end().end();
    }

    /**
     * Reads the content of one event, the reader positioned inside its IMPLICIT SEQUENCE.
     *
     * @return the event, or {@code null} if the gateway does not know this event type
     */
    static CstaEvent read(BerReader r, EventType type) {
        return switch (type) {
            case CALL_CLEARED -> readCallCleared(r);
            case CONFERENCED -> readConferenced(r);
            case CONNECTION_CLEARED, HELD, RETRIEVED, SERVICE_INITIATED -> readSubjectEvent(r, type);
            case DELIVERED, ESTABLISHED, FAILED -> readPartyEvent(r, type);
            case DIVERTED -> readDiverted(r);
            case ORIGINATED -> {
                ConnectionId connection = readConnectionId(r, CONNECTION_ID);
                String calling = readTaggedDevice(r, SUBJECT_DEVICE);
                String called = readTaggedDevice(r, CALLED_DEVICE);
                Tail tail = readTail(r);
                yield new Originated(connection, calling, called, tail.state, tail.cause);
            }
            case TRANSFERRED -> readTransferred(r);
            case DO_NOT_DISTURB -> {
                String device = readTaggedDevice(r, SUBJECT_DEVICE);
                yield new DoNotDisturb(device, r.readBoolean(BerTag.BOOLEAN));
            }
            case FORWARDING -> readForwarding(r);
        };
    }

    private static CstaEvent readCallCleared(BerReader r) {
        ConnectionId connection = readConnectionId(r, CONNECTION_ID);
        return new CallCleared(connection, readTail(r).cause);
    }

    /** Events of one connection and one subject device: {@code SEQUENCE { connection, subject, ... }}. */
    private static CstaEvent readSubjectEvent(BerReader r, EventType type) {
        ConnectionId connection = readConnectionId(r, CONNECTION_ID);
        String subject = readTaggedDevice(r, SUBJECT_DEVICE);
        Tail tail = readTail(r);
        return switch (type) {
            case CONNECTION_CLEARED -> new ConnectionCleared(connection, subject, tail.state, tail.cause);
            case HELD -> new Held(connection, subject, tail.state, tail.cause);
            case RETRIEVED -> new Retrieved(connection, subject, tail.state, tail.cause);
            default -> new ServiceInitiated(connection, subject, tail.state, tail.cause);
        };
    }

    /** Events that also name the calling, called and last redirection devices. */
    private static CstaEvent readPartyEvent(BerReader r, EventType type) {
        ConnectionId connection = readConnectionId(r, CONNECTION_ID);
        String subject = readTaggedDevice(r, SUBJECT_DEVICE);
        String calling = readTaggedDevice(r, CALLING_DEVICE);
        String called = readTaggedDevice(r, CALLED_DEVICE);
        String lastRedirection = readTaggedDevice(r, REDIRECTION_DEVICE);
        Tail tail = readTail(r);
        return switch (type) {
            case DELIVERED -> new Delivered(connection, subject, calling, called, lastRedirection, tail.state, tail.cause);
            case ESTABLISHED -> new Established(connection, subject, calling, called, lastRedirection,
                    tail.state, tail.cause);
            default -> new Failed(connection, subject, calling, called, lastRedirection, tail.state, tail.cause);
        };
    }

    private static CstaEvent readConferenced(BerReader r) {
        ConnectionId primary = readConnectionId(r, CONNECTION_ID);
        ConnectionId secondary = r.at(CONNECTION_ID) ? readConnectionId(r, CONNECTION_ID) : null;
        String conferencing = readTaggedDevice(r, SUBJECT_DEVICE);
        String added = readTaggedDevice(r, SUBJECT_DEVICE);
        List<ConnectionListItem> connections = CstaBerTypes.readConnectionList(r, BerTag.SEQUENCE);
        Tail tail = readTail(r);
        return new Conferenced(primary, secondary, conferencing, added, connections, tail.state, tail.cause);
    }

    private static CstaEvent readDiverted(BerReader r) {
        ConnectionId connection = readConnectionId(r, CONNECTION_ID);
        String diverting = readTaggedDevice(r, SUBJECT_DEVICE);
        String newDestination = readTaggedDevice(r, SUBJECT_DEVICE);
        String calling = r.at(CALLING_DEVICE) ? readTaggedDevice(r, CALLING_DEVICE) : null;
        String called = r.at(CALLED_DEVICE) ? readTaggedDevice(r, CALLED_DEVICE) : null;
        String lastRedirection = readTaggedDevice(r, REDIRECTION_DEVICE);
        Tail tail = readTail(r);
        return new Diverted(connection, diverting, newDestination, calling, called, lastRedirection,
                tail.state, tail.cause);
    }

    private static CstaEvent readTransferred(BerReader r) {
        ConnectionId primary = readConnectionId(r, CONNECTION_ID);
        ConnectionId secondary = r.at(contextConstructed(0))
                ? readConnectionId(r, contextConstructed(0)) : null;
        String transferring = readTaggedDevice(r, SUBJECT_DEVICE);
        String transferredTo = readTaggedDevice(r, SUBJECT_DEVICE);
        List<ConnectionListItem> connections = CstaBerTypes.readConnectionList(r, contextConstructed(1));
        Tail tail = readTail(r);
        return new Transferred(primary, secondary, transferring, transferredTo, connections,
                tail.state, tail.cause);
    }

    private static CstaEvent readForwarding(BerReader r) {
        String device = readTaggedDevice(r, SUBJECT_DEVICE);
        ForwardingType type = r.at(BerTag.ENUMERATED)
                ? ForwardingType.WIRE.ofCode(r.readInt(BerTag.ENUMERATED)) : null;
        boolean status = r.readBoolean(BerTag.BOOLEAN);
        String forwardTo = r.at(BerTag.SEQUENCE) ? CstaBerTypes.readDeviceId(r) : null;
        return new Forwarding(device, type, status, forwardTo);
    }

    private static void writeSubjectEvent(BerWriter w, ConnectionId connection, String subject,
                                          LocalConnectionState state, EventCause cause) {
        writeConnectionId(w, CONNECTION_ID, connection);
        writeTaggedDevice(w, SUBJECT_DEVICE, subject);
        writeTail(w, state, cause);
    }

    private static void writePartyEvent(BerWriter w, ConnectionId connection, String subject, String calling,
                                        String called, String lastRedirection, LocalConnectionState state,
                                        EventCause cause) {
        writeConnectionId(w, CONNECTION_ID, connection);
        writeTaggedDevice(w, SUBJECT_DEVICE, subject);
        writeTaggedDevice(w, CALLING_DEVICE, calling);
        writeTaggedDevice(w, CALLED_DEVICE, called);
        writeTaggedDevice(w, REDIRECTION_DEVICE, lastRedirection);
        writeTail(w, state, cause);
    }

    private static void writeTail(BerWriter w, LocalConnectionState state, EventCause cause) {
        CstaBerTypes.writeConnectionState(w, state);
        CstaBerTypes.writeCause(w, cause);
    }

    /**
     * Reads the rest of an event: its {@code localConnectionInfo} and {@code cause} wherever they
     * are among the optional fields, which are skipped.
     */
    private static Tail readTail(BerReader r) {
        LocalConnectionState state = null;
        EventCause cause = null;
        while (r.hasMore()) {
            int tag = r.peekTag();
            if (tag == BerTag.LOCAL_CONNECTION_STATE) {
                state = CstaBerTypes.readConnectionState(r);
            } else if (tag == BerTag.ENUMERATED) {
                cause = CstaBerTypes.readCause(r);
            } else {
                r.skip();
            }
        }
        return new Tail(state, cause);
    }

    private record Tail(LocalConnectionState state, EventCause cause) {
    }
}
