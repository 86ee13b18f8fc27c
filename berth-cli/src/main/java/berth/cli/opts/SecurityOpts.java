package berth.cli.opts;

import berth.client.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** --security-opt and --cap-add/--cap-drop, prepared as the docker CLI sends them. */
public final class SecurityOpts {
    private SecurityOpts() {}

    /**
     * Every option needs "key=value" (or "key:value") except no-new-privileges; "seccomp=FILE" is
     * replaced by the file's JSON, compacted, since the daemon cannot read the caller's files
     * ("seccomp=unconfined" and "seccomp=builtin" stay as they are).
     */
    public static List<String> resolve(List<String> opts, Path cwd) {
        List<String> out = new ArrayList<>();
        for (String opt : opts) {
            int cut = opt.indexOf('=');
            String key = cut < 0 ? opt : opt.substring(0, cut);
            if (cut < 0 && !key.equals("no-new-privileges")) {
                cut = opt.indexOf(':');
                key = cut < 0 ? opt : opt.substring(0, cut);
            }
            String value = cut < 0 ? "" : opt.substring(cut + 1);
            if ((cut < 0 || value.isEmpty()) && !key.equals("no-new-privileges")) {
                throw new BadValueException("Invalid --security-opt: " + NetOpts.goQuote(opt));
            }
            if (key.equals("seccomp") && !value.equals("unconfined") && !value.equals("builtin")) {
                out.add("seccomp=" + compactJson(cwd.resolve(value), value));
            } else {
                out.add(opt);
            }
        }
        return out;
    }

    private static String compactJson(Path file, String given) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadValueException("opening seccomp profile (" + given + ") failed: "
                    + OsErrors.goOpenError(Path.of(given), e));
        }
        try {
            return new String(Json.bytes(Json.parse(bytes)), java.nio.charset.StandardCharsets.UTF_8);
        } catch (berth.client.ClientException e) {
            throw new BadValueException("compacting json for seccomp profile (" + given + ") failed: " + e.getMessage());
        }
    }

    /** Upper-cased, "CAP_" prefixed (except ALL), duplicates dropped: docker's NormalizeCapabilities. */
    public static List<String> capabilities(List<String> caps) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : caps) {
            String n = c.strip().toUpperCase(Locale.ROOT);
            if (!n.equals("ALL") && !n.startsWith("CAP_")) {
                n = "CAP_" + n;
            }
            out.add(n);
        }
        return List.copyOf(out);
    }

    /** --pid: "", host or container:NAME, as docker's PidMode.Valid. */
    public static void checkPidMode(String mode) {
        if (!validContainerOrHost(mode, true)) {
            throw new BadValueException("--pid: invalid PID mode");
        }
    }

    /** --uts: "" or host. */
    public static void checkUtsMode(String mode) {
        if (!validContainerOrHost(mode, false)) {
            throw new BadValueException("--uts: invalid UTS mode");
        }
    }

    private static boolean validContainerOrHost(String mode, boolean containerAllowed) {
        String[] parts = mode.split(":", -1);
        return switch (parts[0]) {
            case "", "host" -> true;
            case "container" -> containerAllowed && parts.length == 2 && !parts[1].isEmpty();
            default -> false;
        };
    }
}
