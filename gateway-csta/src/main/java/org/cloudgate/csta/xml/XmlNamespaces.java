package org.cloudgate.csta.xml;

import java.util.Set;

/**
 * The ECMA-323 namespaces the gateway accepts. Editions 3 to 5 share the element names the
 * gateway uses; PBXs and CTI tools in the field use all three.
 */
public final class XmlNamespaces {

    /** ECMA-323 3rd edition. */
    public static final String ED3 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    /** ECMA-323 4th edition. */
    public static final String ED4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";
    /** ECMA-323 5th edition, the one the MiVoice Office 400 uses in public traces. */
    public static final String ED5 = "http://www.ecma-international.org/standards/ecma-323/csta/ed5";

    private static final Set<String> ACCEPTED = Set.of(ED3, ED4, ED5);

    private XmlNamespaces() {
    }

    /** Whether documents in this namespace are accepted. */
    public static boolean accepted(String namespace) {
        return ACCEPTED.contains(namespace);
    }
}
