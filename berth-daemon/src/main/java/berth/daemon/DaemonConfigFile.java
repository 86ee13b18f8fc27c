package berth.daemon;

import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * dockerd's {@code daemon.json} ({@code --config-file}, {@code /etc/berth/daemon.json} by default): the same
 * settings as the flags, under dockerd's key names. As dockerd: a key berth does not know is refused
 * ("the following directives don't match any configuration option"), and so is a setting given both as a
 * flag and in the file. A missing default file is no error; a missing file named with {@code --config-file} is.
 */
record DaemonConfigFile(Map<String, JsonNode> values) {
    static final Path DEFAULT = Path.of("/etc/berth/daemon.json");

    /** The keys berth takes, each the long name of one of its flags (log-opts is --log-opt's). */
    static final Set<String> KNOWN = Set.of("log-driver", "log-opts", "log-level", "debug", "experimental",
            "registry-mirrors", "insecure-registries", "data-root", "exec-root", "pidfile", "bridge", "iptables",
            "default-runtime");

    static DaemonConfigFile read(Path file, boolean named) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (named) {
                throw BerthException.invalid("unable to configure the daemon with file " + file + ": open " + file
                        + ": no such file or directory");
            }
            return new DaemonConfigFile(Map.of());
        } catch (IOException e) {
            throw BerthException.invalid("unable to configure the daemon with file " + file + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BerthException.invalid("unable to configure the daemon with file " + file + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw BerthException.invalid("unable to configure the daemon with file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            return new DaemonConfigFile(Map.of());
        }
        if (!root.isObject()) {
            throw BerthException.invalid("unable to configure the daemon with file " + file + ": expected a JSON object");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        root.properties().forEach(e -> {
            if (KNOWN.contains(e.getKey())) {
                values.put(e.getKey(), e.getValue());
            } else {
                unknown.add(e.getKey());
            }
        });
        if (!unknown.isEmpty()) {
            throw BerthException.invalid("unable to configure the daemon with file " + file
                    + ": the following directives don't match any configuration option: " + String.join(", ", unknown));
        }
        return new DaemonConfigFile(values);
    }

    /** dockerd's conflict check: each key set in the file whose flag was given too. */
    void refuseConflicts(Path file, Map<String, String> flagsGiven) {
        List<String> both = new ArrayList<>();
        flagsGiven.forEach((key, flagValue) -> {
            if (values.containsKey(key)) {
                both.add(key + ": (from flag: " + flagValue + ", from file: " + text(values.get(key)) + ")");
            }
        });
        if (!both.isEmpty()) {
            throw BerthException.invalid("unable to configure the daemon with file " + file
                    + ": the following directives are specified both as a flag and in the configuration file: "
                    + String.join(", ", both));
        }
    }

    Optional<String> string(String key) {
        JsonNode n = values.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw BerthException.invalid("invalid value for " + key + " in the daemon configuration: expected a string");
        }
        return Optional.of(n.asText());
    }

    Optional<Boolean> bool(String key) {
        JsonNode n = values.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isBoolean()) {
            throw BerthException.invalid("invalid value for " + key + " in the daemon configuration: expected true or false");
        }
        return Optional.of(n.asBoolean());
    }

    Optional<List<String>> strings(String key) {
        JsonNode n = values.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isArray()) {
            throw BerthException.invalid("invalid value for " + key + " in the daemon configuration: expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return Optional.of(out);
    }

    Optional<Map<String, String>> stringMap(String key) {
        JsonNode n = values.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isObject()) {
            throw BerthException.invalid("invalid value for " + key + " in the daemon configuration: expected an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw BerthException.invalid("invalid value for " + key + "." + e.getKey()
                        + " in the daemon configuration: expected a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return Optional.of(out);
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : n.toString();
    }
}
