package berth.volume.local;

import berth.errors.BerthException;
import berth.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The local driver's {@code -o type=…,device=…,o=…}, as moby's volume/local: checked at create, and
 * mounted onto the volume's data directory while a container uses it. berth mounts what needs no
 * helper program: {@code type=tmpfs} and binds ({@code o=bind} with a host directory as device).
 */
final class LocalDriverOptions {
    private static final Set<String> KEYS = Set.of("type", "device", "o");

    private LocalDriverOptions() {}

    /** @throws BerthException INVALID_ARGUMENT with moby's messages; NOT_IMPLEMENTED for other file systems */
    static void validate(Map<String, String> opts) {
        if (opts.isEmpty()) {
            return;
        }
        for (String key : opts.keySet()) {
            if (!KEYS.contains(key)) {
                throw BerthException.invalid("invalid option: \"" + key + "\"");
            }
        }
        String type = opts.getOrDefault("type", "");
        String device = opts.getOrDefault("device", "");
        if (type.isEmpty()) {
            throw BerthException.invalid("missing required option: \"type\"");
        }
        if (device.isEmpty()) {
            throw BerthException.invalid("missing required option: \"device\"");
        }
        if (isBind(opts)) {
            if (!device.startsWith("/")) {
                throw BerthException.invalid("invalid option: \"device\": a bind needs an absolute host path, not "
                        + device);
            }
        } else if (!type.equals("tmpfs")) {
            throw BerthException.notImplemented("local volumes of type " + type
                    + " are not supported yet (berth mounts type=tmpfs and o=bind)");
        }
    }

    static boolean isBind(Map<String, String> opts) {
        return Arrays.asList(opts.getOrDefault("o", "").split(",")).contains("bind");
    }

    static void mount(Map<String, String> opts, Path data) throws IOException {
        if (isBind(opts)) {
            Path device = Path.of(opts.get("device"));
            if (!Files.isDirectory(device)) {
                throw BerthException.invalid("error while mounting volume '" + data + "': failed to mount local volume:"
                        + " no such file or directory: " + device);
            }
            boolean ro = Arrays.asList(opts.getOrDefault("o", "").split(",")).contains("ro");
            Mounts.bind(device, data, ro);
        } else {
            Mounts.mountTmpfs(data, 0, opts.getOrDefault("o", ""));
        }
    }
}
