package org.cloudgate.sip.message;

import java.util.Arrays;

/**
 * The rewrites recorded on one message, kept in wire order: by line, and on one line the headers
 * inserted above it (in the order they were added) before the line's own replacement or removal.
 * {@link MessageWriter} then writes a message in one walk, copying the untouched lines between
 * two rewrites as one run.
 */
final class HeaderEdits {
    private static final int INITIAL_CAPACITY = 4;

    private HeaderEdit[] edits = new HeaderEdit[INITIAL_CAPACITY];
    private int size;

    void add(HeaderEdit edit) {
        if (size == edits.length) {
            edits = Arrays.copyOf(edits, size * 2);
        }
        int position = size;
        while (position > 0 && goesBefore(edit, edits[position - 1])) {
            position--;
        }
        System.arraycopy(edits, position, edits, position + 1, size - position);
        edits[position] = edit;
        size++;
    }

    private static boolean goesBefore(HeaderEdit edit, HeaderEdit other) {
        return edit.header() < other.header()
                || edit.header() == other.header() && edit.kind() == HeaderEdit.Kind.INSERT
                && other.kind() != HeaderEdit.Kind.INSERT;
    }

    int size() {
        return size;
    }

    /** The edit at {@code position} in wire order. */
    HeaderEdit get(int position) {
        return edits[position];
    }

    /** Whether an edit already concerns this header. */
    boolean concern(HeaderName known, CharSequence name) {
        for (int i = 0; i < size; i++) {
            if (edits[i].concerns(known, name)) {
                return true;
            }
        }
        return false;
    }
}
