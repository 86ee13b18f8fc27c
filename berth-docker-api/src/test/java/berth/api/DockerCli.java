package berth.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real docker CLI against one socket, with its own config directory and stdin from /dev/null or a string. */
record DockerCli(Path socket, Path configDir) {
    static final Path DOCKER = Path.of("/usr/local/bin/docker");

    static boolean present() {
        return Files.isExecutable(DOCKER);
    }

    record Result(int exit, String out, String err) {}

    Result run(String... args) throws Exception {
        return runWithInput(null, args);
    }

    /** Runs the CLI with {@code input} on its stdin (then EOF), or /dev/null when it is null. */
    Result runWithInput(String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DOCKER.toString(), "-H", "unix://" + socket));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (input == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Map<String, String> env = pb.environment();
        env.put("DOCKER_CONFIG", configDir.toString());
        env.remove("DOCKER_HOST");
        env.remove("DOCKER_CONTEXT");
        env.put("DOCKER_BUILDKIT", "0"); // docker build: the classic builder's API, as berth serves it
        Process p = pb.start();
        if (input != null) {
            try (var stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[][] streams = new byte[2][];
        Thread t1 = Thread.ofVirtual().start(() -> streams[0] = readAll(p.getInputStream()));
        Thread t2 = Thread.ofVirtual().start(() -> streams[1] = readAll(p.getErrorStream()));
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " hung");
        }
        t1.join();
        t2.join();
        return new Result(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
