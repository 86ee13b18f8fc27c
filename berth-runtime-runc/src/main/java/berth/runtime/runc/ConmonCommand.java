package berth.runtime.runc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The conmon command line for one container (conmon 2.1, API version 1). conmon runs
 * {@code <runtime> [runtime args] create --bundle B --pid-file P ID}, keeps the process's stdio,
 * writes the k8s-file log, and writes {@code <exitDir>/<id>} when the process has exited.
 * Runtime args put runc's state under our root and its errors into a JSON log we can read back,
 * because conmon only reports them through a sync pipe that a JVM child cannot inherit.
 */
record ConmonCommand(
        Path conmon,
        Path runtime,
        Path runtimeRoot,
        String id,
        Path bundle,
        Path exitDir,
        Path socketDir,
        Path logPath,
        boolean stdin,
        boolean terminal) {

    static final String CONTAINER_PIDFILE = "pidfile";
    static final String CONMON_PIDFILE = "conmon.pid";
    static final String RUNTIME_LOG = "runc.log";

    List<String> argv() {
        List<String> a = new ArrayList<>();
        a.add(conmon.toString());
        a.add("--api-version");
        a.add("1");
        a.add("-c");
        a.add(id);
        a.add("-u");
        a.add(id);
        a.add("-r");
        a.add(runtime.toString());
        a.add("-b");
        a.add(bundle.toString());
        a.add("-p");
        a.add(bundle.resolve(CONTAINER_PIDFILE).toString());
        a.add("-n");
        a.add(id);
        a.add("--exit-dir");
        a.add(exitDir.toString());
        a.add("--socket-dir-path");
        a.add(socketDir.toString());
        a.add("-l");
        a.add("k8s-file:" + logPath);
        a.add("--conmon-pidfile");
        a.add(bundle.resolve(CONMON_PIDFILE).toString());
        // conmon writes "oom" here when the kernel OOM-killed the container (cgroup v1 notification).
        a.add("--persist-dir");
        a.add(bundle.toString());
        a.add("--log-level");
        a.add("error");
        for (String arg : List.of("--root", runtimeRoot.toString(), "--log", bundle.resolve(RUNTIME_LOG).toString(),
                "--log-format", "json")) {
            a.add("--runtime-arg");
            a.add(arg);
        }
        if (stdin) {
            a.add("-i");
        }
        if (terminal) {
            a.add("-t");
            // Docker never closes a TTY container's input when a client leaves (detach, or a
            // client's EOF): conmon would otherwise close the terminal's input for good.
            a.add("--leave-stdin-open");
        }
        return a;
    }
}
