package org.cloudgate.core.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the operator's file for keys that no module knows. Typesafe Config ignores such keys,
 * so a typo silently leaves the default in force; here each one is a problem with the nearest
 * known key offered as the likely intent.
 */
final class UnknownKeys {

    private final Set<String> known = new HashSet<>();

    /**
     * @param reference the merged reference configuration: every key a module documents
     * @param readKeys  keys the settings records read, including those without a default
     */
    UnknownKeys(ConfigObject reference, Set<String> readKeys) {
        collect(reference, List.of());
        for (String key : readKeys) {
            List<String> segments = ConfigUtil.splitPath(key);
            for (int i = 1; i <= segments.size(); i++) {
                known.add(ConfigUtil.joinPath(segments.subList(0, i)));
            }
        }
    }

    List<ConfigProblem> find(ConfigObject operatorFile) {
        List<ConfigProblem> problems = new ArrayList<>();
        walk(operatorFile, List.of(), problems);
        return problems;
    }

    private void collect(ConfigObject object, List<String> prefix) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            List<String> path = append(prefix, entry.getKey());
            known.add(ConfigUtil.joinPath(path));
            if (entry.getValue() instanceof ConfigObject child) {
                collect(child, path);
            }
        }
    }

    private void walk(ConfigObject object, List<String> prefix, List<ConfigProblem> problems) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            List<String> path = append(prefix, entry.getKey());
            String key = ConfigUtil.joinPath(path);
            if (!known.contains(key)) {
                String hint = suggestion(prefix, entry.getKey()).map(s -> " (did you mean " + s + "?)").orElse("");
                problems.add(ConfigProblem.at(entry.getValue().origin(), key, "unknown key" + hint));
            } else if (entry.getValue() instanceof ConfigObject child) {
                walk(child, path, problems);
            }
        }
    }

    /** A sibling with a similar name first; failing that, a similar key anywhere (a misplaced key). */
    private Optional<String> suggestion(List<String> parent, String name) {
        String parentKey = parent.isEmpty() ? "" : ConfigUtil.joinPath(parent) + ".";
        List<String> siblings = new ArrayList<>();
        for (String candidate : known) {
            if (candidate.startsWith(parentKey) && candidate.indexOf('.', parentKey.length()) < 0) {
                siblings.add(candidate.substring(parentKey.length()));
            }
        }
        Optional<String> sibling = KeySuggestion.nearest(name, siblings).map(s -> parentKey + s);
        if (sibling.isPresent()) {
            return sibling;
        }
        List<String> lastSegments = new ArrayList<>();
        for (String candidate : known) {
            if (candidate.endsWith("." + name)) {
                lastSegments.add(candidate);
            }
        }
        return lastSegments.size() == 1 ? Optional.of(lastSegments.get(0)) : Optional.empty();
    }

    private static List<String> append(List<String> prefix, String segment) {
        List<String> path = new ArrayList<>(prefix);
        path.add(segment);
        return path;
    }
}
