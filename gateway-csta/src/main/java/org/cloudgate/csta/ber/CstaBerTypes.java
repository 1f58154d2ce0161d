package org.cloudgate.csta.ber;

import static org.cloudgate.csta.ber.BerTag.context;
import static org.cloudgate.csta.ber.BerTag.contextConstructed;

import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.model.ConnectionId;
import org.cloudgate.csta.model.ConnectionListItem;
import org.cloudgate.csta.model.EventCause;
import org.cloudgate.csta.model.LocalConnectionState;

/**
 * The ECMA-285 common data types shared by requests, results and events: device identifiers,
 * connection identifiers, connection states and causes.
 */
final class CstaBerTypes {

    /** {@code notKnown [7] IMPLICIT NULL} in every device identifier CHOICE. */
    private static final int NOT_KNOWN = context(7);

    private CstaBerTypes() {
    }

    /**
     * Writes a DeviceID as {@code SEQUENCE { dialingNumber [0] IMPLICIT NumberDigits }}
     * (module CSTA-device-identifiers): the gateway treats devices as dialable strings.
     */
    static void writeDeviceId(BerWriter w, String device) {
        w.start(BerTag.SEQUENCE).writeString(context(0), device).end();
    }

    /**
     * Reads a DeviceID, accepting every alternative of its {@code deviceIdentifier} CHOICE;
     * a {@code deviceNumber} becomes its decimal string.
     */
    static String readDeviceId(BerReader r) {
        r.enter(BerTag.SEQUENCE);
        String device = readDeviceIdentifier(r);
        r.exit();
        return device;
    }

    private static String readDeviceIdentifier(BerReader r) {
        int tag = r.peekTag();
        switch (tag) {
            case 0x80, 0x82, 0x84, 0x86:
                return r.readString(tag);
            case 0x81:
                return Integer.toString(r.readInt(tag));
            case 0xA3, 0xA5: {
                r.enter(tag);
                String digits = r.readString(r.peekTag());
                r.exit();
                return digits;
            }
            default:
                throw r.fail("not a device identifier: tag " + BerReader.hex(tag));
        }
    }

    /**
     * Writes one of the tagged device CHOICEs (SubjectDeviceID, CallingDeviceID, ...): the
     * DeviceID, or {@code notKnown} for {@code null}.
     */
    static void writeTaggedDevice(BerWriter w, int tag, String device) {
        w.start(tag);
        if (device == null) {
            w.writeNull(NOT_KNOWN);
        } else {
            writeDeviceId(w, device);
        }
        w.end();
    }

    /** Reads a tagged device CHOICE; {@code null} for notKnown, restricted and the like. */
    static String readTaggedDevice(BerReader r, int tag) {
        r.enter(tag);
        String device = null;
        if (r.at(BerTag.SEQUENCE)) {
            device = readDeviceId(r);
        } else if (r.hasMore()) {
            r.pass();
        }
        r.exit();
        return device;
    }

    /** Writes a ConnectionID under its own tag or an implicit replacement. */
    static void writeConnectionId(BerWriter w, int tag, ConnectionId connection) {
        w.start(tag);
        boolean both = connection.callId() != null && connection.deviceId() != null;
        if (both) {
            w.start(BerTag.SEQUENCE);
        }
        if (connection.callId() != null) {
            w.writeString(context(0), connection.callId());
        }
        if (connection.deviceId() != null) {
            w.start(contextConstructed(1));
            writeDeviceId(w, connection.deviceId());
            w.end();
        }
        if (both) {
            w.end();
        }
        w.end();
    }

    /** Reads a ConnectionID under its own tag or an implicit replacement. */
    static ConnectionId readConnectionId(BerReader r, int tag) {
        r.enter(tag);
        boolean both = r.at(BerTag.SEQUENCE);
        if (both) {
            r.enter(BerTag.SEQUENCE);
        }
        String callId = r.at(context(0)) ? r.readString(context(0)) : null;
        String deviceId = null;
        if (r.at(contextConstructed(1))) {
            r.enter(contextConstructed(1));
            deviceId = r.at(context(3)) ? r.readString(context(3)) : readDeviceId(r);
            r.exit();
        }
        if (both) {
            r.exit();
        }
        r.exit();
        if (callId == null && deviceId == null) {
            throw r.fail("connection identifier without call or device");
        }
        return new ConnectionId(callId, deviceId);
    }

    static void writeConnectionState(BerWriter w, LocalConnectionState state) {
        if (state != null) {
            w.writeInt(BerTag.LOCAL_CONNECTION_STATE, LocalConnectionState.WIRE.code(state));
        }
    }

    static LocalConnectionState readConnectionState(BerReader r) {
        int code = r.readInt(BerTag.LOCAL_CONNECTION_STATE);
        LocalConnectionState state = LocalConnectionState.WIRE.ofCode(code);
        if (state == null) {
            throw r.fail("unknown connection state " + code);
        }
        return state;
    }

    static void writeCause(BerWriter w, EventCause cause) {
        if (cause != null) {
            w.writeInt(BerTag.ENUMERATED, cause.code());
        }
    }

    /** Reads an EventCause; an undefined value reads as {@code null} (counted as ignored). */
    static EventCause readCause(BerReader r) {
        return EventCause.ofCode(r.readInt(BerTag.ENUMERATED));
    }

    /** Writes a ConnectionList (module CSTA-connection-states) under the given tag. */
    static void writeConnectionList(BerWriter w, int tag, List<ConnectionListItem> items) {
        w.start(tag);
        for (ConnectionListItem item : items) {
            w.start(BerTag.SEQUENCE);
            if (item.newConnection() != null) {
                w.start(contextConstructed(0));
                writeConnectionId(w, BerTag.CONNECTION_ID, item.newConnection());
                w.end();
            }
            if (item.oldConnection() != null) {
                w.start(contextConstructed(1));
                writeConnectionId(w, BerTag.CONNECTION_ID, item.oldConnection());
                w.end();
            }
            if (item.endpoint() != null) {
                w.start(contextConstructed(2));
                writeDeviceId(w, item.endpoint());
                w.end();
            }
            w.end();
        }
        w.end();
    }

    /** Reads a ConnectionList under the given tag. */
    static List<ConnectionListItem> readConnectionList(BerReader r, int tag) {
        List<ConnectionListItem> items = new ArrayList<>(2);
        r.enter(tag);
        while (r.hasMore()) {
            r.enter(BerTag.SEQUENCE);
            ConnectionId newConnection = readExplicitConnection(r, 0);
            ConnectionId oldConnection = readExplicitConnection(r, 1);
            String endpoint = null;
            if (r.at(contextConstructed(2))) {
                r.enter(contextConstructed(2));
                endpoint = r.at(BerTag.SEQUENCE) ? readDeviceId(r) : null;
                r.exit();
            }
            r.exit();
            items.add(new ConnectionListItem(newConnection, oldConnection, endpoint));
        }
        r.exit();
        return items;
    }

    private static ConnectionId readExplicitConnection(BerReader r, int number) {
        if (!r.at(contextConstructed(number))) {
            return null;
        }
        r.enter(contextConstructed(number));
        ConnectionId connection = readConnectionId(r, BerTag.CONNECTION_ID);
        r.exit();
        return connection;
    }
}
