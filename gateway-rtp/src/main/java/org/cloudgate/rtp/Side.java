package org.cloudgate.rtp;

/** The two sides of the gateway a relayed call has a leg on. */
public enum Side {
    /** Toward the MiVoice Office 400. */
    PBX,
    /** Toward the cloud platform and its softphone clients. */
    CLOUD;

    public Side other() {
        return this == PBX ? CLOUD : PBX;
    }

    /** Lower-case name, for meter tags and the config file. */
    public String tag() {
        return this == PBX ? "pbx" : "cloud";
    }
}
