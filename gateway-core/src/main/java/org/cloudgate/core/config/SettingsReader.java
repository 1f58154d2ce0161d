package org.cloudgate.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.netty.util.NetUtil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed values out of the merged configuration, eagerly and strictly, and collects every
 * problem instead of stopping at the first. Each accessor returns a neutral value when the
 * setting is wrong, so reading goes on and the operator sees all mistakes in one run; the
 * settings built from a reader with problems are thrown away by {@link SettingsLoader}.
 *
 * <p>Typesafe Config's own getters are lenient in ways that hurt operators (a bare number is a
 * duration in milliseconds, {@code 5060.7} is a port); the rules here are stricter and the
 * messages say what was expected.
 */
public final class SettingsReader {

    private final Config config;
    private final ConfigObject operatorFile;
    /** For the elements of a list: how their keys are named in messages, e.g. "cloudgate.users[2]". */
    private final String prefix;
    private final List<ConfigProblem> problems;
    private final Set<String> readKeys;

    /**
     * @param config       the operator's file merged over the references, resolved
     * @param operatorFile the operator's file alone, to locate keys that are missing from it
     */
    SettingsReader(Config config, ConfigObject operatorFile) {
        this(config, operatorFile, "", new ArrayList<>(), new HashSet<>());
    }

    private SettingsReader(Config config, ConfigObject operatorFile, String prefix, List<ConfigProblem> problems,
                           Set<String> readKeys) {
        this.config = config;
        this.operatorFile = operatorFile;
        this.prefix = prefix;
        this.problems = problems;
        this.readKeys = readKeys;
    }

    /**
     * A reader for each object of the list at {@code key}; keys of an element outside
     * {@code allowedKeys} are problems, with the nearest allowed key suggested. Problems of an
     * element are named like {@code cloudgate.directory.users[2].email}.
     */
    public List<SettingsReader> objects(String key, Set<String> allowedKeys) {
        ConfigValue value = value(key);
        List<SettingsReader> elements = new ArrayList<>();
        if (value == null) {
            return elements;
        }
        if (!(value instanceof ConfigList list)) {
            return wrongType(key, value, "a list of objects", elements);
        }
        for (int i = 0; i < list.size(); i++) {
            String name = display(key) + "[" + i + "]";
            ConfigValue element = list.get(i);
            if (!(element instanceof ConfigObject object)) {
                problems.add(ConfigProblem.at(element.origin(), name, "expected an object, got " + element.valueType()
                        .name().toLowerCase(Locale.ROOT)));
                continue;
            }
            for (String child : object.keySet()) {
                if (!allowedKeys.contains(child)) {
                    String hint = KeySuggestion.nearest(child, allowedKeys).map(s -> " (did you mean " + s + "?)")
                            .orElse("");
                    problems.add(ConfigProblem.at(object.get(child).origin(), name + "." + child,
                            "unknown key" + hint));
                }
            }
            elements.add(new SettingsReader(object.toConfig(), object, name, problems, new HashSet<>()));
        }
        return elements;
    }

    /** The name of {@code key} in messages. */
    private String display(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    Set<String> readKeys() {
        return readKeys;
    }

    /** Records a problem that spans several settings, located at {@code key}'s value. */
    public void reject(String key, String message) {
        problems.add(ConfigProblem.at(originOf(key), display(key), message));
    }

    public boolean isSet(String key) {
        readKeys.add(key);
        return config.hasPath(key);
    }

    public String string(String key) {
        ConfigValue value = value(key);
        if (value == null) {
            return "";
        }
        if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
            return wrongType(key, value, "a string", "");
        }
        return String.valueOf(value.unwrapped());
    }

    /** A string that has no default: absent is a problem naming {@code why} it is needed. */
    public String requiredString(String key, String why) {
        readKeys.add(key);
        if (!config.hasPath(key)) {
            problems.add(ConfigProblem.at(originOfParent(key), display(key), "missing required key (" + why + ")"));
            return "";
        }
        String text = string(key);
        if (text.isBlank()) {
            reject(key, "must not be empty (" + why + ")");
        }
        return text;
    }

    public Optional<String> optionalString(String key) {
        readKeys.add(key);
        return config.hasPath(key) ? Optional.of(string(key)) : Optional.empty();
    }

    public boolean bool(String key) {
        ConfigValue value = value(key);
        if (value == null) {
            return false;
        }
        if (value.valueType() == ConfigValueType.BOOLEAN) {
            return (Boolean) value.unwrapped();
        }
        if (value.valueType() == ConfigValueType.STRING) {
            switch (((String) value.unwrapped()).trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on":
                    return true;
                case "false", "no", "off":
                    return false;
                default:
                    break;
            }
        }
        return wrongType(key, value, "true or false", false);
    }

    public long integer(String key, long min, long max) {
        ConfigValue value = value(key);
        if (value == null) {
            return min;
        }
        Long number = null;
        if (value.valueType() == ConfigValueType.NUMBER) {
            Number n = (Number) value.unwrapped();
            if (n.doubleValue() == Math.rint(n.doubleValue()) && !(n instanceof Double d && d.isInfinite())) {
                number = n.longValue();
            }
        } else if (value.valueType() == ConfigValueType.STRING) {
            try {
                number = Long.parseLong(((String) value.unwrapped()).trim());
            } catch (NumberFormatException notAnInteger) {
                number = null;
            }
        }
        if (number == null) {
            return wrongType(key, value, "a whole number", min);
        }
        if (number < min || number > max) {
            problems.add(ConfigProblem.at(value.origin(), display(key),
                    number + " is out of range, must be between " + min + " and " + max));
            return min;
        }
        return number;
    }

    /** A TCP/UDP port; {@code allowEphemeral} accepts 0, meaning "any free port". */
    public int port(String key, boolean allowEphemeral) {
        return (int) integer(key, allowEphemeral ? 0 : 1, 65535);
    }

    /** A duration that must carry a unit: a bare number is refused rather than taken as milliseconds. */
    public Duration duration(String key, Duration min, Duration max) {
        ConfigValue value = value(key);
        if (value == null) {
            return min;
        }
        if (value.valueType() != ConfigValueType.STRING) {
            return wrongType(key, value, "a duration with a unit, e.g. 10s or 500ms", min);
        }
        Duration duration;
        try {
            duration = config.getDuration(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            problems.add(ConfigProblem.at(value.origin(), display(key), "bad duration \"" + value.unwrapped()
                    + "\": use a number and a unit (ms, s, m, h, d), e.g. 10s"));
            return min;
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            problems.add(ConfigProblem.at(value.origin(), display(key), "\"" + value.unwrapped()
                    + "\" is out of range, must be between " + human(min) + " and " + human(max)));
            return min;
        }
        return duration;
    }

    /**
     * A memory size that must carry a unit, e.g. {@code 50MiB} or {@code 512K} (HOCON's size
     * format: powers of two for K, Ki, KiB, M, Mi, MiB ..., of ten for kB, MB ...). A bare number
     * is refused rather than taken as octets.
     */
    public long memorySize(String key, long min, long max) {
        ConfigValue value = value(key);
        if (value == null) {
            return min;
        }
        String text = value.valueType() == ConfigValueType.STRING ? ((String) value.unwrapped()).trim() : "";
        if (text.isEmpty() || !Character.isLetter(text.charAt(text.length() - 1))) {
            return wrongType(key, value, "a size with a unit, e.g. 50MiB", min);
        }
        long size;
        try {
            size = config.getBytes(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            problems.add(ConfigProblem.at(value.origin(), display(key), "bad size \"" + text
                    + "\": use a number and a unit (KiB, MiB, GiB), e.g. 50MiB"));
            return min;
        }
        if (size < min || size > max) {
            problems.add(ConfigProblem.at(value.origin(), display(key), "\"" + text
                    + "\" is out of range, must be between " + humanSize(min) + " and " + humanSize(max)));
            return min;
        }
        return size;
    }

    /**
     * One of an enum's constants, written in the file in lower case with hyphens
     * ({@code UDP_OR_TCP} is {@code udp-or-tcp}).
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        E[] constants = type.getEnumConstants();
        ConfigValue value = value(key);
        if (value == null) {
            return constants[0];
        }
        if (value.valueType() == ConfigValueType.STRING) {
            String text = ((String) value.unwrapped()).trim();
            for (E constant : constants) {
                if (configName(constant).equalsIgnoreCase(text)) {
                    return constant;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : constants) {
            names.add(configName(constant));
        }
        problems.add(ConfigProblem.at(value.origin(), display(key), "unknown value \"" + value.unwrapped()
                + "\", must be one of " + String.join(", ", names)));
        return constants[0];
    }

    /** A non-empty list of an enum's constants, each written as {@link #enumValue} reads one. */
    public <E extends Enum<E>> List<E> enumList(String key, Class<E> type) {
        ConfigValue value = value(key);
        List<E> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof ConfigList list) || list.isEmpty()) {
            return wrongType(key, value, "a non-empty list", result);
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(configName(constant));
        }
        for (ConfigValue element : list) {
            E found = null;
            for (E constant : type.getEnumConstants()) {
                if (element.valueType() == ConfigValueType.STRING
                        && configName(constant).equalsIgnoreCase(((String) element.unwrapped()).trim())) {
                    found = constant;
                }
            }
            if (found == null) {
                problems.add(ConfigProblem.at(element.origin(), display(key), "unknown value \"" + element.unwrapped()
                        + "\", must be one of " + String.join(", ", names)));
            } else if (!result.contains(found)) {
                result.add(found);
            }
        }
        return result;
    }

    /** A list of strings, possibly empty; each element trimmed. */
    public List<String> stringList(String key) {
        ConfigValue value = value(key);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof ConfigList list)) {
            return wrongType(key, value, "a list of strings", result);
        }
        for (ConfigValue element : list) {
            if (element.valueType() == ConfigValueType.STRING || element.valueType() == ConfigValueType.NUMBER) {
                result.add(String.valueOf(element.unwrapped()).trim());
            } else {
                problems.add(ConfigProblem.at(element.origin(), display(key), "expected a string, got "
                        + element.valueType().name().toLowerCase(Locale.ROOT)));
            }
        }
        return result;
    }

    /**
     * A file the daemon must read, e.g. a TLS certificate: required (the setting {@code enabledBy}
     * asks for it) and readable by this user.
     */
    public Path readableFile(String key, String enabledBy) {
        String name = string(key);
        if (name.isBlank()) {
            reject(key, "required when " + enabledBy + " is true");
            return Path.of("");
        }
        Path file = Path.of(name);
        if (!Files.isReadable(file)) {
            reject(key, "cannot read " + name);
        }
        return file;
    }

    /** An IPv4 or IPv6 literal, as a listener's bind address must be. */
    public String ipAddress(String key) {
        String text = string(key).trim();
        if (!NetUtil.isValidIpV4Address(text) && !NetUtil.isValidIpV6Address(text)) {
            reject(key, "\"" + text + "\" is not an IPv4 or IPv6 address (use 127.0.0.1, 0.0.0.0, ::1 or ::)");
        }
        return text;
    }

    /** A host name or an IP literal, as a peer's address may be; not resolved here. */
    public String hostOrAddress(String key) {
        String text = string(key).trim();
        if (!text.isEmpty() && !NetUtil.isValidIpV4Address(text) && !NetUtil.isValidIpV6Address(text)
                && !isHostName(text)) {
            reject(key, "\"" + text + "\" is neither a host name nor an IP address");
        }
        return text;
    }

    static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean isHostName(String text) {
        if (text.length() > 253) {
            return false;
        }
        int labelLength = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labelLength = 0;
            } else if (Character.isLetterOrDigit(c) && c < 128 || c == '-') {
                if (++labelLength > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return labelLength > 0;
    }

    private ConfigValue value(String key) {
        readKeys.add(key);
        try {
            if (!config.hasPath(key)) {
                problems.add(ConfigProblem.at(originOfParent(key), display(key), "missing required key"));
                return null;
            }
            return config.getValue(key);
        } catch (ConfigException.BadPath e) {
            problems.add(new ConfigProblem("<reference>", 0, display(key), "invalid key: " + e.getMessage()));
            return null;
        }
    }

    private <T> T wrongType(String key, ConfigValue value, String expected, T neutral) {
        String got = switch (value.valueType()) {
            case OBJECT -> "an object";
            case LIST -> "a list";
            case NULL -> "null";
            case BOOLEAN -> "a boolean (" + value.unwrapped() + ")";
            case NUMBER -> "a number (" + value.unwrapped() + ")";
            case STRING -> "\"" + value.unwrapped() + "\"";
        };
        problems.add(ConfigProblem.at(value.origin(), display(key), "expected " + expected + ", got " + got));
        return neutral;
    }

    /** Where the operator set {@code key}; for a key left at its default, where its section is. */
    private ConfigOrigin originOf(String key) {
        if (config.hasPath(key) && config.getValue(key).origin().resource() == null) {
            return config.getValue(key).origin();
        }
        return originOfParent(key);
    }

    /** Where in the operator's file the nearest enclosing object of a missing key starts. */
    private ConfigOrigin originOfParent(String key) {
        ConfigObject object = operatorFile;
        List<String> segments = ConfigUtil.splitPath(key);
        for (String segment : segments.subList(0, segments.size() - 1)) {
            if (!(object.get(segment) instanceof ConfigObject child)) {
                break;
            }
            object = child;
        }
        return object.origin();
    }

    private static String humanSize(long octets) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        long size = octets;
        while (unit < units.length - 1 && size >= 1024 && size % 1024 == 0) {
            size /= 1024;
            unit++;
        }
        return size + units[unit];
    }

    private static String human(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        return d.toSeconds() + "s";
    }
}
