/**
 * The OCI runtime adapter: {@link berth.runtime.runc.RuncRuntime} runs containers through conmon
 * (the per-container monitor) and runc (or crun where the host's cgroups allow it).
 *
 * <h2>Design</h2>
 * The JVM never forks into a container: it writes the bundle's config.json
 * ({@link berth.runtime.runc.OciSpecFactory}, Docker's defaults), starts conmon with
 * {@link java.lang.ProcessBuilder}, and conmon runs {@code runc create}; then the adapter runs
 * {@code runc start}. conmon keeps the process's stdio, the k8s-file log, the attach socket and the
 * exit code, so containers outlive a daemon restart. Waiting is event-driven: one inotify watch
 * service ({@code DirectoryWatcher}) wakes container starts (runc's pidfile or error log appearing in
 * the bundle), exit futures (conmon's exit file) and log followers (the log file growing).
 *
 * <h2>On disk</h2>
 * <pre>
 *   &lt;exec-root&gt;/exits/&lt;id&gt;          exit code; appears after the log is flushed
 *   &lt;exec-root&gt;/s/&lt;id&gt; -&gt; bundle     conmon's short path to the bundle, for the attach socket
 *   &lt;runtime-root&gt;/&lt;id&gt;/             runc's own state (runc --root)
 *   &lt;bundle&gt;/config.json, pidfile, conmon.pid, runc.log (runc's JSON errors), conmon.out,
 *            attach (SOCK_SEQPACKET stdin), ctl and winsz (conmon FIFOs), exit and oom (persist files)
 *   &lt;bundle&gt;/exec-&lt;tag&gt;/           a TTY exec under its own conmon ({@code TtyExec}): log, attach,
 *            ctl, pid, runc.log, exit/&lt;id&gt;; removed once the exec has ended and its output is read
 *   &lt;exec-root&gt;/s/&lt;tag&gt; -&gt; exec-&lt;tag&gt;  the same short path for a TTY exec's sockets
 * </pre>
 * TTYs: with {@code -t} conmon receives the terminal's master from runc (console socket), logs its
 * output as stdout, feeds it from the attach socket and resizes it on {@code "1 <rows> <cols>"} lines
 * in the ctl FIFO ({@code ConsoleControl}); {@code --leave-stdin-open} keeps a detached client from
 * closing the terminal's input.
 * Container cgroups are {@code /berth/<id>} under each cgroup v1 controller (runc's cgroupfs driver).
 *
 * <h2>Exec agent</h2>
 * Execs without a TTY or {@code --privileged} go through a small static C program inside the
 * container ({@code src/main/c/exec-agent.c}, carried in this jar), started at the container's first
 * such exec with {@code runc exec -d} from a sealed memfd ({@code ExecAgents}, {@code ExecAgent}):
 * it forks each exec with the container's full isolation, so an exec skips a whole {@code runc exec}.
 * Its files in the bundle: agent.json (while it starts), agent.log (runc's errors), agent.pid.
 * {@code ps} inside the container shows it as {@code /proc/self/fd/3}; {@code top} leaves it out.
 */
package berth.runtime.runc;
