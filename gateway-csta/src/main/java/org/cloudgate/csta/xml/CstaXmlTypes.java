package org.cloudgate.csta.xml;

import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.codec.CstaDecodeException;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.ConnectionListItem;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.ForwardingType;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * The ECMA-323 forms of the common CSTA data types: connection identifiers
 * ({@code callID}, {@code deviceID}), device identifiers as text or as
 * {@code deviceIdentifier}/{@code notKnown} choices, connection states, causes and booleans.
 */
final class CstaXmlTypes {

    private CstaXmlTypes() {
    }

    static void writeConnection(XmlDocumentWriter w, String name, ConnectionId connection) {
        if (connection != null) {
            w.start(name).element("callID", connection.callId()).element("deviceID", connection.deviceId()).end(name);
        }
    }

    static ConnectionId readConnection(XmlElement parent, String name) {
        return connection(parent.require(name));
    }

    static ConnectionId readOptionalConnection(XmlElement parent, String name) {
        XmlElement element = parent.child(name);
        return element == null ? null : connection(element);
    }

    private static ConnectionId connection(XmlElement element) {
        String callId = element.childText("callID");
        String deviceId = element.childText("deviceID");
        if (callId == null && deviceId == null) {
            throw new CstaDecodeException("no callID or deviceID in " + element.path(), -1);
        }
        return new ConnectionId(callId, deviceId);
    }

    /**
     * Writes an event's device (SubjectDeviceID, CallingDeviceID, ...) as
     * {@code <deviceIdentifier>} or, for {@code null}, {@code <notKnown/>}.
     */
    static void writeTaggedDevice(XmlDocumentWriter w, String name, String device) {
        w.start(name);
        if (device == null) {
            w.empty("notKnown");
        } else {
            w.element("deviceIdentifier", device);
        }
        w.end(name);
    }

    /**
     * Reads an event's device: the {@code deviceIdentifier} text, {@code null} for notKnown,
     * restricted and the like, or the element's own text from peers that omit the choice.
     */
    static String readTaggedDevice(XmlElement parent, String name) {
        XmlElement element = parent.child(name);
        if (element == null) {
            return null;
        }
        String identifier = element.childText("deviceIdentifier");
        if (identifier != null) {
            return identifier;
        }
        element.consumeAll();
        return element.text().isEmpty() ? null : element.text();
    }

    static void writeState(XmlDocumentWriter w, LocalConnectionState state) {
        if (state != null) {
            w.element("localConnectionInfo", LocalConnectionState.WIRE.xmlName(state));
        }
    }

    static LocalConnectionState readState(XmlElement parent, String name) {
        String text = parent.childText(name);
        return text == null ? null : state(text, parent, name);
    }

    static LocalConnectionState state(String text, XmlElement parent, String name) {
        LocalConnectionState state = LocalConnectionState.WIRE.ofXmlName(text);
        if (state == null) {
            throw new CstaDecodeException("unknown connection state '" + text + "' in " + parent.path() + "/" + name, -1);
        }
        return state;
    }

    static void writeCause(XmlDocumentWriter w, EventCause cause) {
        if (cause != null) {
            w.element("cause", cause.xmlName());
        }
    }

    /** Reads the event cause; a cause the gateway does not know reads as {@code null}. */
    static EventCause readCause(XmlElement parent) {
        String text = parent.childText("cause");
        return text == null ? null : EventCause.ofXmlName(text);
    }

    /** The ECMA-323 identifier of a forwarding type, {@code null} for none. */
    static String forwardingName(ForwardingType type) {
        return type == null ? null : ForwardingType.WIRE.xmlName(type);
    }

    static boolean readBoolean(XmlElement parent, String name) {
        String text = parent.requireText(name);
        switch (text) {
            case "true", "1":
                return true;
            case "false", "0":
                return false;
            default:
                throw new CstaDecodeException("not a boolean: '" + text + "' in " + parent.path() + "/" + name, -1);
        }
    }

    static void writeConnectionList(XmlDocumentWriter w, String name, List<ConnectionListItem> items) {
        w.start(name);
        for (ConnectionListItem item : items) {
            w.start("connectionListItem");
            writeConnection(w, "newConnection", item.newConnection());
            writeConnection(w, "oldConnection", item.oldConnection());
            if (item.endpoint() != null) {
                w.start("endpoint").element("deviceID", item.endpoint()).end("endpoint");
            }
            w.end("connectionListItem");
        }
        w.end(name);
    }

    static List<ConnectionListItem> readConnectionList(XmlElement parent, String name) {
        XmlElement list = parent.child(name);
        List<ConnectionListItem> items = new ArrayList<>(2);
        if (list != null) {
            for (XmlElement item : list.children("connectionListItem")) {
                XmlElement endpoint = item.child("endpoint");
                items.add(new ConnectionListItem(readOptionalConnection(item, "newConnection"),
                        readOptionalConnection(item, "oldConnection"),
                        endpoint == null ? null : endpoint.childText("deviceID")));
            }
        }
        return items;
    }
}
