package org.cloudgate.csta.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The two wire forms of an ECMA-269 enumeration whose ECMA-285 numbers run from 0 in the
 * order of the Java constants: the number (BER) is the ordinal, the ECMA-323 identifier (XML)
 * is kept here, so the enumerations themselves stay plain constants.
 *
 * @param <E> the enumeration
 */
public final class CodeTable<E extends Enum<E>> {

    private final E[] values;
    private final String[] names;
    private final Map<String, E> byName = new HashMap<>();

    /** @param names the ECMA-323 identifier of each constant, in ordinal order */
    public CodeTable(E[] values, String... names) {
        if (values.length != names.length) {
            throw new IllegalArgumentException(values.length + " constants but " + names.length + " names");
        }
        this.values = values;
        this.names = names;
        for (E value : values) {
            byName.put(names[value.ordinal()], value);
        }
    }

    /** The ECMA-285 number of a value. */
    public int code(E value) {
        return value.ordinal();
    }

    /** The ECMA-323 identifier of a value. */
    public String xmlName(E value) {
        return names[value.ordinal()];
    }

    /** The value with this ECMA-285 number, or {@code null}. */
    public E ofCode(int code) {
        return code >= 0 && code < values.length ? values[code] : null;
    }

    /** The value with this ECMA-323 identifier, or {@code null}. */
    public E ofXmlName(String name) {
        return byName.get(name);
    }
}
