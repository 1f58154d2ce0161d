package org.cloudgate.core.config;

import com.typesafe.config.ConfigOrigin;

import java.util.Comparator;

/**
 * One mistake in the operator's configuration, located by file and line so that an operator
 * can go straight to it. Printed as {@code FILE:LINE: KEY: MESSAGE}, the form editors and
 * {@code grep} understand.
 *
 * @param file    the file at fault (a resource URL for a built-in default)
 * @param line    the line in it, or 0 when unknown
 * @param key     the full HOCON path of the setting, or empty when the whole file is at fault
 * @param message what is wrong and, where possible, what would be right
 */
public record ConfigProblem(String file, int line, String key, String message) {

    /** File order, then line order: how an operator reads a file. */
    public static final Comparator<ConfigProblem> IN_FILE_ORDER =
            Comparator.comparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line);

    static ConfigProblem at(ConfigOrigin origin, String key, String message) {
        if (origin == null) {
            return new ConfigProblem("<unknown>", 0, key, message);
        }
        String file = origin.filename() != null ? origin.filename()
                : origin.url() != null ? origin.url().toString() : origin.description();
        return new ConfigProblem(file, Math.max(origin.lineNumber(), 0), key, message);
    }

    /** "file:line", or the file alone when the line is unknown. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return key.isEmpty() ? location() + ": " + message : location() + ": " + key + ": " + message;
    }
}
