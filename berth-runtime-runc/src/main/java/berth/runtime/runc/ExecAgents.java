package berth.runtime.runc;

import berth.runtime.ExecProcess;
import berth.runtime.ExecRequest;
import berth.sys.SealedMemFd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which execs go through a container's {@link ExecAgent} and keeps one agent per running
 * container, started at its first such exec. An exec costs a fork and execve in the agent instead of
 * a whole {@code runc exec} (whose {@code runc init} alone compiles the container's seccomp profile
 * again, ~20 ms, every time).
 *
 * <p>Not through the agent (they take {@code runc exec} as before): TTY execs, privileged execs
 * (they need more capabilities than the container has), requests the agent's format cannot carry
 * or runc would reject (an environment entry without '='), and every exec of a container whose agent
 * could not be started (until the container starts again). An agent that fails later is dropped and
 * the next exec starts a new one. The agent is a process of the container: {@code ps} inside it shows
 * it (as PID of a root process running {@code /proc/self/fd/3}); {@code top} leaves it out.
 *
 * <p>{@code BERTH_EXEC_AGENT=0} in the daemon's environment turns agents off (every exec is a runc exec).
 */
final class ExecAgents implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ExecAgents.class.getName());
    private static final String RESOURCE = "exec-agent";

    private final Path runtimeBinary;
    private final Path runtimeRoot;
    private final ObjectMapper mapper;
    private final boolean enabled;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Object binaryLock = new Object();
    private volatile int binaryFd = -1;
    private volatile boolean binaryMissing;

    /** A container's agent, or the reason it has none. */
    private static final class Slot {
        ExecAgent agent;
        boolean unavailable;
        Path rootfs;
    }

    ExecAgents(Path runtimeBinary, Path runtimeRoot, ObjectMapper mapper, boolean enabled) {
        this.runtimeBinary = runtimeBinary;
        this.runtimeRoot = runtimeRoot;
        this.mapper = mapper;
        this.enabled = enabled && runtimeBinary.getFileName().toString().equals("runc");
    }

    /** Enabled unless BERTH_EXEC_AGENT=0 (only with runc: crun's exec options differ). */
    static boolean enabledByEnvironment() {
        return !"0".equals(System.getenv("BERTH_EXEC_AGENT"));
    }

    /** The exec through the container's agent; empty when it must go through {@code runc exec}. */
    Optional<ExecProcess> tryStart(String id, Path bundle, ExecRequest req) {
        if (!enabled || req.tty() || req.privileged() || !envRuncAccepts(req.env())) {
            return Optional.empty();
        }
        Slot slot = slots.computeIfAbsent(id, k -> new Slot());
        ExecAgent agent;
        Path rootfs;
        synchronized (slot) {
            if (slot.unavailable) {
                return Optional.empty();
            }
            if (slot.agent == null || !slot.agent.isOpen()) {
                int fd = binary();
                if (fd < 0) {
                    return Optional.empty();
                }
                try {
                    JsonNode config = mapper.readTree(bundle.resolve("config.json").toFile());
                    if (!canSwitchUsers(config)) {
                        throw new IOException("the container lacks CAP_SETUID or CAP_SETGID, which the agent needs to"
                                + " take on an exec's user (runc exec does that before it drops them)");
                    }
                    slot.rootfs = bundle.resolve(config.path("root").path("path").asText("rootfs"));
                    slot.agent = ExecAgent.launch(runtimeBinary, runtimeRoot, id, bundle, fd, mapper);
                } catch (IOException | RuntimeException e) {
                    slot.agent = null;
                    slot.unavailable = true;
                    LOG.log(System.Logger.Level.INFO, "no exec agent in " + id + ", its execs use runc exec: "
                            + e.getMessage());
                    return Optional.empty();
                }
            }
            agent = slot.agent;
            rootfs = slot.rootfs;
        }
        String passwd;
        ResolvedUser user;
        try {
            passwd = RootfsPaths.readIfExists(rootfs, "/etc/passwd");
            user = UserResolver.resolve(req.user(), passwd, RootfsPaths.readIfExists(rootfs, "/etc/group"));
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> env = processEnv(req.env(), passwd, user.uid());
        String cwd = req.workingDir().isEmpty() ? "/" : req.workingDir();
        try {
            return Optional.of(agent.start(user, cwd, req.args(), env, req.openStdin()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "exec agent of " + id + " did not take an exec: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code pids} without the container's agent, for {@code top}. */
    List<Integer> withoutAgent(String id, List<Integer> pids) {
        Slot slot = slots.get(id);
        ExecAgent agent = slot == null ? null : slot.agent;
        if (agent == null || agent.hostPid() == 0) {
            return pids;
        }
        List<Integer> out = new ArrayList<>(pids);
        out.remove(Integer.valueOf(agent.hostPid()));
        return out;
    }

    /** Drops the container's agent (its run ended or starts anew); the next exec starts another. */
    void forget(String id) {
        Slot slot = slots.remove(id);
        if (slot != null) {
            synchronized (slot) {
                if (slot.agent != null) {
                    slot.agent.close();
                }
            }
        }
    }

    @Override
    public void close() {
        List.copyOf(slots.keySet()).forEach(this::forget);
    }

    /**
     * The environment as runc gives it to a process: one entry per name (first position, last
     * value), and HOME from the user's /etc/passwd entry ("/" without one) when it is unset or empty.
     */
    static List<String> processEnv(List<String> env, String passwd, int uid) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            byName.put(e.substring(0, eq), e.substring(eq + 1));
        }
        String home = byName.get("HOME");
        if (home == null || home.isEmpty()) {
            byName.put("HOME", homeOf(passwd, uid));
        }
        List<String> out = new ArrayList<>(byName.size());
        byName.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** The home directory of the first /etc/passwd entry with this uid, "/" when there is none. */
    static String homeOf(String passwd, int uid) {
        if (passwd != null) {
            for (String line : passwd.split("\n")) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[2].equals(Integer.toString(uid))) {
                    return f[5];
                }
            }
        }
        return "/";
    }

    /** runc refuses entries without '=' or with an empty name; let it, with its own message. */
    static boolean envRuncAccepts(List<String> env) {
        return env.stream().allMatch(e -> e.indexOf('=') > 0);
    }

    /**
     * Whether processes of the container (the agent among them) may change their user and groups:
     * the agent's children call setgroups/setgid/setuid themselves, so without these capabilities
     * (--cap-drop ALL, --cap-drop SETUID) every exec must go through runc exec, which switches the user
     * before it drops capabilities.
     */
    static boolean canSwitchUsers(JsonNode config) {
        JsonNode effective = config.path("process").path("capabilities").path("effective");
        boolean setuid = false;
        boolean setgid = false;
        for (JsonNode c : effective) {
            setuid |= c.asText().equals("CAP_SETUID");
            setgid |= c.asText().equals("CAP_SETGID");
        }
        return setuid && setgid;
    }

    /** The sealed memfd with the agent binary, made once per daemon; -1 when the jar has no agent. */
    private int binary() {
        int fd = binaryFd;
        if (fd >= 0 || binaryMissing) {
            return fd;
        }
        synchronized (binaryLock) {
            if (binaryFd < 0 && !binaryMissing) {
                try (InputStream in = ExecAgents.class.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        throw new IOException("resource " + RESOURCE + " is missing from the runtime's jar");
                    }
                    binaryFd = SealedMemFd.create("berth-exec-agent", in.readAllBytes());
                } catch (IOException e) {
                    binaryMissing = true;
                    LOG.log(System.Logger.Level.WARNING, "exec agent unavailable, every exec uses runc exec: "
                            + e.getMessage());
                }
            }
            return binaryFd;
        }
    }
}
