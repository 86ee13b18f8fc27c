package berth.runtime.runc;

import berth.errors.BerthException;
import berth.runtime.ExecProcess;
import berth.runtime.ExecRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code runc exec} of one process in a running container, with pipes straight to the daemon. The
 * process spec is the container's own (capabilities, seccomp, rlimits, no-new-privileges) with
 * argv, environment, user and working directory replaced. When the command cannot be executed, runc
 * says why on the process's stderr and in its JSON log; the log decides the exit code, 127 (not
 * found) or 126 (not executable), as Docker's.
 */
final class RuncExec {
    private static final Pattern EXEC_FAILURE = Pattern.compile("exec: \"(?:[^\"\\\\]|\\\\.)*\": [^\\n]*");

    private RuncExec() {}

    static ExecProcess start(Path runtimeBinary, Path runtimeRoot, String id, Path bundle, ExecRequest req,
                             ObjectMapper mapper) throws IOException {
        ObjectNode process = processSpec(bundle, req, mapper);
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path spec = bundle.resolve("exec-" + tag + ".json");
        Path pidFile = bundle.resolve("exec-" + tag + ".pid");
        Path log = bundle.resolve("exec-" + tag + ".log");
        Files.write(spec, mapper.writeValueAsBytes(process));
        List<String> argv = new ArrayList<>(List.of(runtimeBinary.toString(), "--root", runtimeRoot.toString(),
                "--log", log.toString(), "--log-format", "json", "exec", "--process", spec.toString(),
                "--pid-file", pidFile.toString(), id));
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (!req.openStdin()) {
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Files.deleteIfExists(spec);
            throw BerthException.internal("cannot run " + runtimeBinary + " exec: " + e.getMessage(), e);
        }
        CompletableFuture<Integer> exit = p.onExit().thenApply(done -> {
            String error = runtimeError(log, mapper);
            try {
                Files.deleteIfExists(spec);
                Files.deleteIfExists(pidFile);
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // leftovers in the bundle go with the container
            }
            return error == null ? done.exitValue() : exitCodeFor(error);
        });
        return new ExecProcess() {
            @Override
            public int pid() {
                try {
                    String s = Files.readString(pidFile).strip();
                    return s.isEmpty() ? 0 : Integer.parseInt(s);
                } catch (IOException | NumberFormatException e) {
                    return 0;
                }
            }

            @Override
            public InputStream stdout() {
                return p.getInputStream();
            }

            @Override
            public InputStream stderr() {
                return p.getErrorStream();
            }

            @Override
            public OutputStream stdin() {
                return p.getOutputStream();
            }

            @Override
            public CompletableFuture<Integer> exit() {
                return exit;
            }
        };
    }

    /**
     * The container's own process spec with argv, environment, user, working directory and terminal
     * replaced; a privileged exec gets every capability of the daemon's bounding set, as Docker's
     * {@code exec --privileged} gets all (which fails where the bounding set lacks one).
     */
    static ObjectNode processSpec(Path bundle, ExecRequest req, ObjectMapper mapper) throws IOException {
        ObjectNode config = (ObjectNode) mapper.readTree(bundle.resolve("config.json").toFile());
        Path rootfs = bundle.resolve(config.path("root").path("path").asText("rootfs"));
        ResolvedUser user = UserResolver.resolve(req.user(),
                RootfsPaths.readIfExists(rootfs, "/etc/passwd"), RootfsPaths.readIfExists(rootfs, "/etc/group"));
        ObjectNode process = config.path("process").deepCopy();
        process.put("terminal", req.tty());
        process.remove("consoleSize");
        if (req.tty() && req.consoleSize().isPresent()) {
            ObjectNode size = process.putObject("consoleSize");
            size.put("height", req.consoleSize().get().height());
            size.put("width", req.consoleSize().get().width());
        }
        ArrayNode args = process.putArray("args");
        req.args().forEach(args::add);
        ArrayNode env = process.putArray("env");
        req.env().forEach(env::add);
        if (req.tty() && req.env().stream().noneMatch(e -> e.startsWith("TERM="))) {
            env.add("TERM=xterm"); // what Docker sets for a TTY exec that brings none
        }
        process.put("cwd", req.workingDir().isEmpty() ? "/" : req.workingDir());
        ObjectNode u = process.putObject("user");
        u.put("uid", user.uid());
        u.put("gid", user.gid());
        ArrayNode gids = u.putArray("additionalGids");
        user.additionalGids().forEach(gids::add);
        if (req.privileged()) {
            Set<String> all = Capabilities.boundingSet(Files.readString(Path.of("/proc/self/status")));
            ObjectNode caps = process.putObject("capabilities");
            for (String set : List.of("bounding", "effective", "permitted", "inheritable")) {
                ArrayNode a = caps.putArray(set);
                all.forEach(a::add);
            }
        }
        return process;
    }

    /** runc's reason for not running the command, or null when it logged no failure. */
    static String runtimeError(Path log, ObjectMapper mapper) {
        try {
            if (!Files.exists(log)) {
                return null;
            }
            String last = RuncErrors.lastError(Files.readString(log), mapper);
            if (last == null) {
                return null;
            }
            Matcher m = EXEC_FAILURE.matcher(last);
            return m.find() ? m.group() : last;
        } catch (IOException e) {
            return null;
        }
    }

    static int exitCodeFor(String error) {
        return error.contains("executable file not found") || error.contains("no such file or directory") ? 127 : 126;
    }
}
