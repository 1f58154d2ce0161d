package org.cloudgate.csta.decode;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Renders a decoded message as one line of JSON: each record becomes an object whose
 * {@code "type"} is the record's name and whose other members are its components, so the
 * output follows the service model without a hand-kept list of fields.
 */
final class MessageJson {

    private final StringBuilder out = new StringBuilder(256);

    /** Appends a member {@code "name": value} to the object being written. */
    MessageJson member(String name, Object value) {
        if (out.length() > 1) {
            out.append(',');
        }
        string(name);
        out.append(':');
        value(value);
        return this;
    }

    MessageJson open() {
        out.append('{');
        return this;
    }

    String close() {
        return out.append('}').toString();
    }

    private void value(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Enum<?> e) {
            string(e.name());
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(list.get(i));
            }
            out.append(']');
        } else if (value instanceof Record record) {
            record(record);
        } else {
            string(value.toString());
        }
    }

    private void record(Record record) {
        out.append("{\"type\":");
        string(record.getClass().getSimpleName());
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            out.append(',');
            string(component.getName());
            out.append(':');
            value(read(component, record));
        }
        out.append('}');
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    /** A JSON string (RFC 8259 section 7): quotes, backslash and control characters escaped. */
    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
