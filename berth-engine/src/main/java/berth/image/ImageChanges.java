package berth.image;

import berth.errors.BerthException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import berth.container.HealthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@code docker import --change} / {@code docker commit --change} instructions (Dockerfile
 * syntax) to an image config: ENV, CMD, ENTRYPOINT, WORKDIR, EXPOSE, LABEL, USER, VOLUME, STOPSIGNAL.
 * Anything else is INVALID_ARGUMENT, and so is a malformed instruction; nothing is applied then.
 */
public final class ImageChanges {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageChanges() {}

    public static ImageConfig apply(ImageConfig base, List<String> changes) {
        Builder b = new Builder(base);
        for (String change : changes) {
            String line = change.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int sp = indexOfWhitespace(line);
            String instr = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
            String args = sp < 0 ? "" : line.substring(sp).strip();
            switch (instr) {
                case "ENV" -> b.env(args);
                case "LABEL" -> b.label(args);
                case "CMD" -> b.cmd = Optional.of(command(args, "CMD"));
                case "ENTRYPOINT" -> b.entrypoint = Optional.of(command(args, "ENTRYPOINT"));
                case "WORKDIR" -> b.workdir(args);
                case "EXPOSE" -> b.expose(args);
                case "USER" -> b.user = Optional.of(single(ShellWords.word(requireArgs(args, "USER"), b.envMap()), "USER"));
                case "VOLUME" -> b.volume(args);
                case "STOPSIGNAL" -> b.stopSignal = Optional.of(signal(ShellWords.word(requireArgs(args, "STOPSIGNAL"), b.envMap())));
                case "ONBUILD", "HEALTHCHECK", "SHELL" ->
                        throw BerthException.invalid(instr + " is not supported as a change (allowed: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR)");
                default -> throw BerthException.invalid(instr + " is not a valid change command (allowed: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR)");
            }
        }
        return b.build();
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String requireArgs(String args, String instr) {
        if (args.isEmpty()) {
            throw BerthException.invalid(instr + " requires at least one argument");
        }
        return args;
    }

    private static String single(String value, String instr) {
        if (value.isEmpty()) {
            throw BerthException.invalid(instr + " requires exactly one argument");
        }
        return value;
    }

    /** JSON array form, else shell form {@code ["/bin/sh","-c",args]}. */
    private static List<String> command(String args, String instr) {
        Optional<List<String>> json = jsonArray(args);
        if (json.isPresent()) {
            return json.get();
        }
        if (args.isEmpty()) {
            throw BerthException.invalid(instr + " requires at least one argument");
        }
        return List.of("/bin/sh", "-c", args);
    }

    private static Optional<List<String>> jsonArray(String args) {
        if (!args.startsWith("[")) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(args);
            if (n == null || !n.isArray()) {
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    return Optional.empty();
                }
                out.add(e.asText());
            }
            return Optional.of(out);
        } catch (JsonProcessingException e) {
            return Optional.empty(); // Docker falls back to the shell form for text that is not a JSON array
        }
    }

    private static String signal(String s) {
        if (!s.matches("(?i)(SIG)?[A-Z][A-Z0-9+-]*|[0-9]{1,2}")) {
            throw BerthException.invalid("invalid signal: " + s);
        }
        return s;
    }

    private static final class Builder {
        Optional<String> user;
        final LinkedHashMap<String, String> env = new LinkedHashMap<>();
        Optional<List<String>> entrypoint;
        Optional<List<String>> cmd;
        Optional<String> workingDir;
        final Map<String, String> labels;
        final LinkedHashSet<String> ports;
        final LinkedHashSet<String> volumes;
        Optional<String> stopSignal;
        final Optional<HealthConfig> healthcheck;

        Builder(ImageConfig c) {
            healthcheck = c.healthcheck();
            user = c.user();
            for (String kv : c.env()) {
                int eq = kv.indexOf('=');
                env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
            }
            entrypoint = c.entrypoint();
            cmd = c.cmd();
            workingDir = c.workingDir();
            labels = new LinkedHashMap<>(c.labels());
            ports = new LinkedHashSet<>(c.exposedPorts());
            volumes = new LinkedHashSet<>(c.volumes());
            stopSignal = c.stopSignal();
        }

        Map<String, String> envMap() {
            return env;
        }

        void env(String args) {
            keyValues(requireArgs(args, "ENV"), "ENV").forEach(env::put);
        }

        void label(String args) {
            labels.putAll(keyValues(requireArgs(args, "LABEL"), "LABEL"));
        }

        /** {@code k=v k2="v 2"} or the legacy {@code k some value}. */
        private Map<String, String> keyValues(String args, String instr) {
            Map<String, String> out = new LinkedHashMap<>();
            int sp = indexOfWhitespace(args);
            String firstWord = sp < 0 ? args : args.substring(0, sp);
            if (!firstWord.contains("=")) {
                if (sp < 0) {
                    throw BerthException.invalid(instr + " names can not be blank and need a value: " + args
                            + " (use " + instr + " key=value or " + instr + " key value)");
                }
                out.put(ShellWords.word(firstWord, env), ShellWords.word(args.substring(sp).strip(), env));
                return out;
            }
            for (String word : ShellWords.split(args, env)) {
                int eq = word.indexOf('=');
                if (eq <= 0) {
                    throw BerthException.invalid("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
                }
                out.put(word.substring(0, eq), word.substring(eq + 1));
            }
            return out;
        }

        void workdir(String args) {
            String dir = ShellWords.word(requireArgs(args, "WORKDIR"), env);
            if (!dir.startsWith("/")) {
                dir = workingDir.orElse("/") + "/" + dir;
            }
            workingDir = Optional.of(cleanPath(dir));
        }

        void expose(String args) {
            for (String spec : ShellWords.split(requireArgs(args, "EXPOSE"), env)) {
                String proto = "tcp";
                String range = spec;
                int slash = spec.indexOf('/');
                if (slash >= 0) {
                    proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
                    range = spec.substring(0, slash);
                }
                if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
                    throw BerthException.invalid("invalid proto: " + proto + " in EXPOSE " + spec + " (allowed: tcp, udp, sctp)");
                }
                int dash = range.indexOf('-');
                int lo = port(dash < 0 ? range : range.substring(0, dash), spec);
                int hi = dash < 0 ? lo : port(range.substring(dash + 1), spec);
                if (hi < lo) {
                    throw BerthException.invalid("invalid port range: " + spec);
                }
                for (int p = lo; p <= hi; p++) {
                    ports.add(p + "/" + proto);
                }
            }
        }

        private static int port(String s, String spec) {
            try {
                int p = Integer.parseInt(s);
                if (p < 1 || p > 65535) {
                    throw new NumberFormatException();
                }
                return p;
            } catch (NumberFormatException e) {
                throw BerthException.invalid("invalid containerPort: " + spec + " (a port is 1-65535, optionally /tcp, /udp or /sctp)");
            }
        }

        void volume(String args) {
            List<String> vols = jsonArray(args).orElseGet(() -> ShellWords.split(args, env));
            if (vols.isEmpty()) {
                throw BerthException.invalid("VOLUME specified can not be an empty string");
            }
            for (String v : vols) {
                if (v.isBlank()) {
                    throw BerthException.invalid("VOLUME specified can not be an empty string");
                }
                volumes.add(v);
            }
        }

        ImageConfig build() {
            List<String> envList = new ArrayList<>();
            env.forEach((k, v) -> envList.add(k + "=" + v));
            return new ImageConfig(user, envList, entrypoint, cmd, workingDir, labels, List.copyOf(ports),
                    List.copyOf(volumes), stopSignal, healthcheck);
        }
    }

    /** Lexically cleans an absolute path, as Go's path.Clean. */
    static String cleanPath(String p) {
        return berth.store.PathNames.clean(p);
    }
}
