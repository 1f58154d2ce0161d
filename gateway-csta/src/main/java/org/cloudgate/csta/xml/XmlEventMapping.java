package org.cloudgate.csta.xml;

import static org.cloudgate.csta.xml.CstaXmlTypes.readCause;
import static org.cloudgate.csta.xml.CstaXmlTypes.readConnection;
import static org.cloudgate.csta.xml.CstaXmlTypes.readOptionalConnection;
import static org.cloudgate.csta.xml.CstaXmlTypes.readState;
import static org.cloudgate.csta.xml.CstaXmlTypes.readTaggedDevice;
import static org.cloudgate.csta.xml.CstaXmlTypes.writeConnection;
import static org.cloudgate.csta.xml.CstaXmlTypes.writeTaggedDevice;

import org.cloudgate.csta.model.ConnectionId;
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
 * The ECMA-323 event documents ({@code DeliveredEvent}, ...). The monitor cross reference is
 * written by the caller; the parameters follow in ECMA-323 order.
 */
final class XmlEventMapping {

    private static final String STATE = "localConnectionInfo";

    private XmlEventMapping() {
    }

    static void write(XmlDocumentWriter w, CstaEvent event) {
        switch (event.type()) {
            case CALL_CLEARED -> {
                CallCleared e = (CallCleared) event;
                writeConnection(w, "clearedCall", e.clearedCall());
                CstaXmlTypes.writeCause(w, e.cause());
            }
            case CONFERENCED -> {
                Conferenced e = (Conferenced) event;
                writeConnection(w, "primaryOldCall", e.primaryOldCall());
                writeConnection(w, "secondaryOldCall", e.secondaryOldCall());
                writeTaggedDevice(w, "conferencingDevice", e.conferencingDevice());
                writeTaggedDevice(w, "addedParty", e.addedParty());
                CstaXmlTypes.writeConnectionList(w, "conferenceConnections", e.conferenceConnections());
                writeTail(w, e.localConnectionInfo(), e.cause());
            }
            case CONNECTION_CLEARED -> {
                ConnectionCleared e = (ConnectionCleared) event;
                writeConnection(w, "droppedConnection", e.droppedConnection());
                writeTaggedDevice(w, "releasingDevice", e.releasingDevice());
                writeTail(w, e.localConnectionInfo(), e.cause());
            }
            case DELIVERED -> {
                Delivered e = (Delivered) event;
                writePartyEvent(w, "connection", e.connection(), "alertingDevice", e.alertingDevice(),
                        e.callingDevice(), e.calledDevice(), e.lastRedirectionDevice(), e.localConnectionInfo(),
                        e.cause());
            }
            case DIVERTED -> {
                Diverted e = (Diverted) event;
                writeConnection(w, "connection", e.connection());
                writeTaggedDevice(w, "divertingDevice", e.divertingDevice());
                writeTaggedDevice(w, "newDestination", e.newDestination());
                if (e.callingDevice() != null) {
                    writeTaggedDevice(w, "callingDevice", e.callingDevice());
                }
                if (e.calledDevice() != null) {
                    writeTaggedDevice(w, "calledDevice", e.calledDevice());
                }
                writeTaggedDevice(w, "lastRedirectionDevice", e.lastRedirectionDevice());
                writeTail(w, e.localConnectionInfo(), e.cause());
            }
            case ESTABLISHED -> {
                Established e = (Established) event;
                writePartyEvent(w, "establishedConnection", e.establishedConnection(), "answeringDevice",
                        e.answeringDevice(), e.callingDevice(), e.calledDevice(), e.lastRedirectionDevice(),
                        e.localConnectionInfo(), e.cause());
            }
            case FAILED -> {
                Failed e = (Failed) event;
                writePartyEvent(w, "failedConnection", e.failedConnection(), "failingDevice", e.failingDevice(),
                        e.callingDevice(), e.calledDevice(), e.lastRedirectionDevice(), e.localConnectionInfo(),
                        e.cause());
            }
            case HELD -> {
                Held e = (Held) event;
                writeSubjectEvent(w, "heldConnection", e.heldConnection(), "holdingDevice", e.holdingDevice(),
                        e.localConnectionInfo(), e.cause());
            }
            case ORIGINATED -> {
                Originated e = (Originated) event;
                writeConnection(w, "originatedConnection", e.originatedConnection());
                writeTaggedDevice(w, "callingDevice", e.callingDevice());
                writeTaggedDevice(w, "calledDevice", e.calledDevice());
                writeTail(w, e.localConnectionInfo(), e.cause());
            }
            case RETRIEVED -> {
                Retrieved e = (Retrieved) event;
                writeSubjectEvent(w, "retrievedConnection", e.retrievedConnection(), "retrievingDevice",
                        e.retrievingDevice(), e.localConnectionInfo(), e.cause());
            }
            case SERVICE_INITIATED -> {
                ServiceInitiated e = (ServiceInitiated) event;
                writeSubjectEvent(w, "initiatedConnection", e.initiatedConnection(), "initiatingDevice",
                        e.initiatingDevice(), e.localConnectionInfo(), e.cause());
            }
            case TRANSFERRED -> {
                Transferred e = (Transferred) event;
                writeConnection(w, "primaryOldCall", e.primaryOldCall());
                writeConnection(w, "secondaryOldCall", e.secondaryOldCall());
                writeTaggedDevice(w, "transferringDevice", e.transferringDevice());
                writeTaggedDevice(w, "transferredToDevice", e.transferredToDevice());
                CstaXmlTypes.writeConnectionList(w, "transferredConnections", e.transferredConnections());
                writeTail(w, e.localConnectionInfo(), e.cause());
            }
            case DO_NOT_DISTURB -> {
                DoNotDisturb e = (DoNotDisturb) event;
                writeTaggedDevice(w, "device", e.device());
                w.element("doNotDisturbOn", Boolean.toString(e.doNotDisturbOn()));
            }
            case FORWARDING -> {
                Forwarding e = (Forwarding) event;
                writeTaggedDevice(w, "device", e.device());
                w.element("forwardingType", CstaXmlTypes.forwardingName(e.forwardingType()))
                        .element("forwardStatus", Boolean.toString(e.forwardStatus()))
                        .element("forwardTo", e.forwardTo());
            }
        }
    }

    static CstaEvent read(XmlElement root, EventType type) {
        return switch (type) {
            case CALL_CLEARED -> new CallCleared(readConnection(root, "clearedCall"), readCause(root));
            case CONFERENCED -> new Conferenced(readConnection(root, "primaryOldCall"),
                    readOptionalConnection(root, "secondaryOldCall"), readTaggedDevice(root, "conferencingDevice"),
                    readTaggedDevice(root, "addedParty"),
                    CstaXmlTypes.readConnectionList(root, "conferenceConnections"),
                    readState(root, STATE), readCause(root));
            case CONNECTION_CLEARED -> new ConnectionCleared(readConnection(root, "droppedConnection"),
                    readTaggedDevice(root, "releasingDevice"), readState(root, STATE), readCause(root));
            case DELIVERED -> new Delivered(readConnection(root, "connection"), readTaggedDevice(root, "alertingDevice"),
                    readTaggedDevice(root, "callingDevice"), readTaggedDevice(root, "calledDevice"),
                    readTaggedDevice(root, "lastRedirectionDevice"), readState(root, STATE), readCause(root));
            case DIVERTED -> new Diverted(readConnection(root, "connection"), readTaggedDevice(root, "divertingDevice"),
                    readTaggedDevice(root, "newDestination"), readTaggedDevice(root, "callingDevice"),
                    readTaggedDevice(root, "calledDevice"), readTaggedDevice(root, "lastRedirectionDevice"),
                    readState(root, STATE), readCause(root));
            case ESTABLISHED -> new Established(readConnection(root, "establishedConnection"),
                    readTaggedDevice(root, "answeringDevice"), readTaggedDevice(root, "callingDevice"),
                    readTaggedDevice(root, "calledDevice"), readTaggedDevice(root, "lastRedirectionDevice"),
                    readState(root, STATE), readCause(root));
            case FAILED -> new Failed(readConnection(root, "failedConnection"), readTaggedDevice(root, "failingDevice"),
                    readTaggedDevice(root, "callingDevice"), readTaggedDevice(root, "calledDevice"),
                    readTaggedDevice(root, "lastRedirectionDevice"), readState(root, STATE), readCause(root));
            case HELD -> new Held(readConnection(root, "heldConnection"), readTaggedDevice(root, "holdingDevice"),
                    readState(root, STATE), readCause(root));
            case ORIGINATED -> new Originated(readConnection(root, "originatedConnection"),
                    readTaggedDevice(root, "callingDevice"), readTaggedDevice(root, "calledDevice"),
                    readState(root, STATE), readCause(root));
            case RETRIEVED -> new Retrieved(readConnection(root, "retrievedConnection"),
                    readTaggedDevice(root, "retrievingDevice"), readState(root, STATE), readCause(root));
            case SERVICE_INITIATED -> new ServiceInitiated(readConnection(root, "initiatedConnection"),
                    readTaggedDevice(root, "initiatingDevice"), readState(root, STATE), readCause(root));
            case TRANSFERRED -> new Transferred(readConnection(root, "primaryOldCall"),
                    readOptionalConnection(root, "secondaryOldCall"), readTaggedDevice(root, "transferringDevice"),
                    readTaggedDevice(root, "transferredToDevice"),
                    CstaXmlTypes.readConnectionList(root, "transferredConnections"),
                    readState(root, STATE), readCause(root));
            case DO_NOT_DISTURB -> new DoNotDisturb(readTaggedDevice(root, "device"),
                    CstaXmlTypes.readBoolean(root, "doNotDisturbOn"));
            case FORWARDING -> new Forwarding(readTaggedDevice(root, "device"),
                    XmlRequestMapping.readForwardingType(root, "forwardingType"),
                    CstaXmlTypes.readBoolean(root, "forwardStatus"), root.childText("forwardTo"));
        };
    }

    private static void writeSubjectEvent(XmlDocumentWriter w, String connectionName,
                                          ConnectionId connection, String deviceName,
                                          String device, LocalConnectionState state, EventCause cause) {
        writeConnection(w, connectionName, connection);
        writeTaggedDevice(w, deviceName, device);
        writeTail(w, state, cause);
    }

    private static void writePartyEvent(XmlDocumentWriter w, String connectionName, ConnectionId connection,
                                        String subjectName, String subject, String calling, String called,
                                        String lastRedirection, LocalConnectionState state, EventCause cause) {
        writeConnection(w, connectionName, connection);
        writeTaggedDevice(w, subjectName, subject);
        writeTaggedDevice(w, "callingDevice", calling);
        writeTaggedDevice(w, "calledDevice", called);
        writeTaggedDevice(w, "lastRedirectionDevice", lastRedirection);
        writeTail(w, state, cause);
    }

    private static void writeTail(XmlDocumentWriter w, LocalConnectionState state, EventCause cause) {
        CstaXmlTypes.writeState(w, state);
        CstaXmlTypes.writeCause(w, cause);
    }
}
