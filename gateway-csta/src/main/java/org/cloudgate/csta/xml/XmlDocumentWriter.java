package org.cloudgate.csta.xml;

/**
 * Builds an ECMA-323 document as text: elements in the default namespace of the root, text
 * escaped as XML 1.0 requires (section 2.4).
 */
final class XmlDocumentWriter {

    private final StringBuilder out = new StringBuilder(512);

    XmlDocumentWriter(String rootName, String namespace) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.append('<').append(rootName).append(" xmlns=\"").append(namespace).append("\">");
    }

    XmlDocumentWriter start(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    XmlDocumentWriter end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element with text; nothing when the value is {@code null}. */
    XmlDocumentWriter element(String name, String value) {
        if (value != null) {
            start(name);
            escape(value);
            end(name);
        }
        return this;
    }

    XmlDocumentWriter empty(String name) {
        out.append('<').append(name).append("/>");
        return this;
    }

    /** Closes the root and returns the document. */
    String finish(String rootName) {
        end(rootName);
        return out.toString();
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        throw new IllegalArgumentException("character U+" + Integer.toHexString(c)
                                + " cannot be written in XML 1.0");
                    }
                    out.append(c);
                }
            }
        }
    }
}
