package org.cloudgate.csta.xml;

import java.util.ArrayList;
import java.util.List;
import org.cloudgate.csta.codec.CstaDecodeException;

/**
 * One element of a received ECMA-323 document: local name, text and children.
 *
 * <p>Lookups mark the children they find as used, so that after mapping the elements the
 * gateway did not look at can be counted as ignored (the issue asks to count, not to fail).
 */
final class XmlElement {

    private final String name;
    private final XmlElement parent;
    private String text = "";
    private List<XmlElement> children;
    private boolean used;

    XmlElement(String name, XmlElement parent) {
        this.name = name;
        this.parent = parent;
    }

    String name() {
        return name;
    }

    XmlElement parent() {
        return parent;
    }

    /** The element's own text, trimmed; empty when there is none. */
    String text() {
        return text;
    }

    void appendText(String more) {
        text = text.isEmpty() ? more : text + more;
    }

    void trimText() {
        text = text.strip();
    }

    void add(XmlElement child) {
        if (children == null) {
            children = new ArrayList<>(4);
        }
        children.add(child);
    }

    /** The first child with this name, marked used, or {@code null}. */
    XmlElement child(String childName) {
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                XmlElement child = children.get(i);
                if (child.name.equals(childName)) {
                    child.used = true;
                    return child;
                }
            }
        }
        return null;
    }

    /** The first child with this name, marked used; missing is a decode failure. */
    XmlElement require(String childName) {
        XmlElement child = child(childName);
        if (child == null) {
            throw new CstaDecodeException("missing <" + childName + "> in " + path(), -1);
        }
        return child;
    }

    /** The text of the child with this name, or {@code null} if there is no such child. */
    String childText(String childName) {
        XmlElement child = child(childName);
        return child == null ? null : child.text;
    }

    /** The text of the child with this name; missing is a decode failure. */
    String requireText(String childName) {
        return require(childName).text;
    }

    /** Every child with this name, all marked used. */
    List<XmlElement> children(String childName) {
        List<XmlElement> found = new ArrayList<>(2);
        if (children != null) {
            for (XmlElement child : children) {
                if (child.name.equals(childName)) {
                    child.used = true;
                    found.add(child);
                }
            }
        }
        return found;
    }

    /** Whether any child has this name, without marking it. */
    boolean has(String childName) {
        if (children != null) {
            for (XmlElement child : children) {
                if (child.name.equals(childName)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Marks this element and everything below it as used. */
    void consumeAll() {
        used = true;
        if (children != null) {
            for (XmlElement child : children) {
                child.consumeAll();
            }
        }
    }

    /** How many elements below this one were never looked at (a skipped subtree counts once). */
    int countUnused() {
        int count = 0;
        if (children != null) {
            for (XmlElement child : children) {
                count += child.used ? child.countUnused() : 1;
            }
        }
        return count;
    }

    /** Where this element is, e.g. {@code DeliveredEvent/connection}. */
    String path() {
        return parent == null ? name : parent.path() + "/" + name;
    }
}
