package berth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real docker CLI (or berth's own CLI) against a test daemon and captures what it prints. */
public final class Docker {
    public static final String DOCKER = "/usr/local/bin/docker";

    private final List<String> base;
    /** The client's configuration directory (DOCKER_CONFIG), so logins stay in the test's own. */
    private Path config;
    /** Extra environment for the CLI (DOCKER_BUILDKIT=0 for the classic builder). */
    private java.util.Map<String, String> env = java.util.Map.of();

    public Docker(DaemonHarness daemon) {
        this.base = List.of(DOCKER, "-H", daemon.host());
    }

    private Docker(List<String> base) {
        this.base = base;
    }

    /** berth's own CLI, through the launcher. */
    public static Docker berth(DaemonHarness daemon) {
        return new Docker(List.of(DaemonHarness.repoRoot().resolve("bin/berth").toString(), "-H", daemon.host()));
    }

    /** The docker CLI pointed at another daemon (a real dockerd, in interop tests). */
    public static Docker at(String host) {
        return new Docker(List.of(DOCKER, "-H", host));
    }

    /** berth's CLI pointed at an arbitrary host string. */
    public static Docker berthAt(String host) {
        return new Docker(List.of(DaemonHarness.repoRoot().resolve("bin/berth").toString(), "-H", host));
    }

    /** This client with its configuration (credentials from login) in {@code dir}. */
    public Docker withConfig(Path dir) {
        Docker d = new Docker(base);
        d.config = dir;
        d.env = env;
        return d;
    }

    /** This client with {@code name=value} in its environment as well. */
    public Docker withEnv(String name, String value) {
        Docker d = new Docker(base);
        d.config = config;
        java.util.Map<String, String> more = new java.util.HashMap<>(env);
        more.put(name, value);
        d.env = java.util.Map.copyOf(more);
        return d;
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public String out() {
            return stdout.strip();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * Polls {@code inspect -f format name} every 100 ms until it prints {@code wanted} or
     * {@code seconds} have passed; returns the last value printed.
     */
    public String awaitInspect(String name, String format, String wanted, int seconds)
            throws IOException, InterruptedException {
        String value = "";
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            value = run("inspect", "-f", format, name).out();
            if (value.equals(wanted)) {
                return value;
            }
            Thread.sleep(100);
        }
        return value;
    }

    /** Runs {@code exec container cmd…} until its output is {@code wanted}; fails after 20 s. */
    public void awaitExecOutput(String container, String wanted, String... cmd) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("exec", container));
        args.addAll(List.of(cmd));
        Result r = null;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            r = run(args.toArray(String[]::new));
            if (r.exitCode() == 0 && r.out().equals(wanted)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("exec " + String.join(" ", cmd) + " in " + container + " never printed \"" + wanted + "\": " + r);
    }

    public Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    public Result runWithInput(byte[] stdin, String... args) throws IOException, InterruptedException {
        return exec(stdin, null, args);
    }

    public Result runWithInputFile(Path stdin, String... args) throws IOException, InterruptedException {
        return exec(null, stdin, args);
    }

    /**
     * Starts the CLI and leaves it running (stderr goes into stdout), for tests that act while a command
     * runs, e.g. interrupt a build. The caller reads its output and ends it.
     */
    public Process spawn(String... args) throws IOException {
        ProcessBuilder pb = processBuilder(args);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private ProcessBuilder processBuilder(String... args) {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DOCKER_HOST");
        pb.environment().put("DOCKER_CLI_HINTS", "false");
        if (config != null) {
            pb.environment().put("DOCKER_CONFIG", config.toString());
        }
        pb.environment().putAll(env);
        return pb;
    }

    private Result exec(byte[] stdin, Path stdinFile, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = processBuilder(args);
        List<String> cmd = pb.command();
        if (stdinFile != null) {
            pb.redirectInput(stdinFile.toFile());
        }
        Process p = pb.start();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        if (stdinFile == null) {
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            String dump = threadDump(p.pid());
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd + "\n" + dump);
        }
        return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    /** For a hung berth CLI (a JVM): its threads, to see where it waits. */
    private static String threadDump(long pid) {
        try {
            Process j = new ProcessBuilder("/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd", Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            j.waitFor(20, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
    }
}
