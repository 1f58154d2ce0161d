package org.cloudgate.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read as systemd reads its simple cases (systemd.syntax(7)): sections,
 * {@code Key=value} lines, comments. A key may repeat; {@link #value} is its last setting.
 */
final class SystemdUnit {

    private final Map<String, List<String>> settings;

    private SystemdUnit(Map<String, List<String>> settings) {
        this.settings = settings;
    }

    static SystemdUnit read(Path file) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0 || line.endsWith("\\")) {
                throw new IllegalArgumentException(file + ": not a simple Key=value line: " + raw);
            }
            settings.computeIfAbsent(section + "." + line.substring(0, equals).strip(), k -> new ArrayList<>())
                    .add(line.substring(equals + 1).strip());
        }
        return new SystemdUnit(settings);
    }

    /** The last value of {@code Section.Key}, or null when it is not set. */
    String value(String sectionAndKey) {
        List<String> values = settings.get(sectionAndKey);
        return values == null ? null : values.get(values.size() - 1);
    }

    boolean has(String sectionAndKey) {
        return settings.containsKey(sectionAndKey);
    }

    /**
     * An Exec line as the argument list systemd runs. Only plain words are supported: a prefix
     * (such as "-" or "+"), quoting or a specifier fails loudly instead of being misread.
     */
    List<String> command(String sectionAndKey) {
        String line = value(sectionAndKey);
        if (line == null || !line.startsWith("/") || line.matches(".*[\"'%\\\\].*")) {
            throw new IllegalArgumentException(sectionAndKey + " is not a plain command line: " + line);
        }
        return List.of(line.split("\\s+"));
    }
}
