package org.cloudgate.distribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4: every line must be a HELP or
 * TYPE comment or a sample, every sample must belong to a family declared by a TYPE line before
 * it, each family is declared once, and every value is a number.
 */
final class PrometheusExposition {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*\\})?"
                    + " (\\S+)( -?[0-9]+)?");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final List<String> SUFFIXES = List.of("", "_total", "_bucket", "_sum", "_count", "_created",
            "_max", "_info");

    private PrometheusExposition() {
    }

    /** The names of the samples, or an exception naming the first line that breaks the format. */
    static List<String> sampleNames(String text) {
        Map<String, String> families = new HashMap<>();
        List<String> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String name = line.substring(7).split(" ", 2)[0];
                require(NAME.matcher(name).matches(), lineNumber, line, "bad metric name in HELP");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                require(parts.length == 2 && NAME.matcher(parts[0]).matches() && TYPES.contains(parts[1]),
                        lineNumber, line, "bad TYPE line");
                require(families.put(parts[0], parts[1]) == null, lineNumber, line, "family declared twice");
            } else if (line.startsWith("#")) {
                continue;
            } else {
                var m = SAMPLE.matcher(line);
                require(m.matches(), lineNumber, line, "not a sample line");
                String name = m.group(1);
                require(belongsToDeclaredFamily(name, families), lineNumber, line, "sample without a TYPE before it");
                require(isNumber(m.group(3)), lineNumber, line, "value is not a number");
                samples.add(name);
            }
        }
        return samples;
    }

    private static boolean belongsToDeclaredFamily(String name, Map<String, String> families) {
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && families.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String value) {
        if (value.equals("NaN") || value.equals("+Inf") || value.equals("-Inf")) {
            return true;
        }
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void require(boolean ok, int lineNumber, String line, String what) {
        if (!ok) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + what + ": " + line);
        }
    }
}
