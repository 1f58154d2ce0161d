package org.cloudgate.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Where a set of settings came from: the operator's file and the merged configuration, kept to
 * locate a setting in messages ("set at cloudgate.conf:12") and to tell which keys a reload
 * changes.
 */
public final class SettingsSource {

    private final Path file;
    private final Config merged;
    private final Map<String, String> values;

    SettingsSource(Path file, Config merged) {
        this(file, merged, render(merged));
    }

    private SettingsSource(Path file, Config merged, Map<String, String> values) {
        this.file = file;
        this.merged = merged;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The source of the settings running after a reload: these values, with those of the keys
     * {@code live} accepts taken from {@code loaded}.
     */
    public SettingsSource withLiveValues(SettingsSource loaded, Predicate<String> live) {
        Map<String, String> running = new TreeMap<>(values);
        running.keySet().removeIf(live);
        loaded.values.forEach((key, value) -> {
            if (live.test(key)) {
                running.put(key, value);
            }
        });
        return new SettingsSource(file, merged, running);
    }

    public Path file() {
        return file;
    }

    /** "file:line" for a key the operator set, "built-in default" for one left at its default. */
    public String locate(String key) {
        if (!merged.hasPath(key)) {
            return "not set";
        }
        ConfigValue value = merged.getValue(key);
        ConfigProblem at = ConfigProblem.at(value.origin(), key, "");
        return value.origin().resource() != null ? "built-in default" : at.location();
    }

    /** Every leaf setting under {@code cloudgate}, rendered for comparison, keyed by path. */
    public Map<String, String> values() {
        return values;
    }

    private static Map<String, String> render(Config merged) {
        Map<String, String> values = new TreeMap<>();
        if (merged.hasPath("cloudgate")) {
            for (Map.Entry<String, ConfigValue> entry : merged.getConfig("cloudgate").entrySet()) {
                values.put("cloudgate." + entry.getKey(), entry.getValue().render(ConfigRenderOptions.concise()));
            }
        }
        return values;
    }
}
