package org.cloudgate.csta.ber;

/**
 * Identifier octets used by the ECMA-285 mapping (ITU-T X.690 8.1.2): universal types and the
 * application tags that ECMA-285 assigns to its common data types.
 */
final class BerTag {

    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int ENUMERATED = 0x0A;
    static final int PRINTABLE_STRING = 0x13;
    static final int IA5_STRING = 0x16;
    static final int SEQUENCE = 0x30;

    /** CallingDeviceID ::= [APPLICATION 1] CHOICE (module CSTA-device-identifiers). */
    static final int CALLING_DEVICE = 0x61;
    /** CalledDeviceID ::= [APPLICATION 2] CHOICE. */
    static final int CALLED_DEVICE = 0x62;
    /** SubjectDeviceID ::= [APPLICATION 3] CHOICE. */
    static final int SUBJECT_DEVICE = 0x63;
    /** RedirectionDeviceID ::= [APPLICATION 4] CHOICE. */
    static final int REDIRECTION_DEVICE = 0x64;
    /** ConnectionID ::= [APPLICATION 11] CHOICE (module CSTA-call-connection-identifiers). */
    static final int CONNECTION_ID = 0x6B;
    /** LocalConnectionState ::= [APPLICATION 14] IMPLICIT ENUMERATED (module CSTA-connection-states). */
    static final int LOCAL_CONNECTION_STATE = 0x4E;
    /** MonitorCrossRefID ::= [APPLICATION 21] IMPLICIT OCTET STRING (module CSTA-status-reporting). */
    static final int MONITOR_CROSS_REF_ID = 0x55;
    /** SnapshotDeviceData ::= [APPLICATION 22] IMPLICIT SEQUENCE OF. */
    static final int SNAPSHOT_DEVICE_DATA = 0x76;

    private BerTag() {
    }

    /** A primitive context-specific tag {@code [n]}. */
    static int context(int number) {
        return 0x80 | number;
    }

    /** A constructed context-specific tag {@code [n]}. */
    static int contextConstructed(int number) {
        return 0xA0 | number;
    }
}
