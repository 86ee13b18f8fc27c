package berth.cli.command.compose;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Signals;
import berth.compose.project.ComposeProject;
import berth.compose.project.ConvergencePlan;
import berth.compose.project.ProjectContainer;
import berth.compose.project.UpOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compose up}: converges the services (see {@code ConvergencePlan}); detached with {@code -d},
 * else attached: every container's log, prefixed, until they have all exited; Ctrl-C stops them.
 */
@Command(name = "up", description = "Create and start containers")
final class UpCommand extends ComposeSubcommand {
    @Option(names = {"-d", "--detach"}, description = "Detached mode: Run containers in the background")
    boolean detach;

    @Option(names = "--build", description = "Build images before starting containers")
    boolean build;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration and image haven't changed")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them")
    boolean noRecreate;

    @Option(names = "--no-start", description = "Don't start the services after creating them")
    boolean noStart;

    @Option(names = "--no-deps", description = "Don't start linked services")
    boolean noDeps;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances")
    List<String> scale = new ArrayList<>();

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Option(names = "--wait", description = "Wait for services to be running|healthy. Implies detached mode.")
    boolean waitReady;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Use this timeout in seconds for container shutdown")
    Integer timeout;

    @Option(names = "--no-color", description = "Produce monochrome output")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs")
    boolean noLogPrefix;

    @Option(names = "--abort-on-container-exit", description = "Stops all containers if any container was stopped")
    boolean abortOnExit;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() throws Exception {
        if (forceRecreate && noRecreate) {
            throw new CliException(ExitCodes.ERROR, "--force-recreate and --no-recreate are incompatible");
        }
        Map<String, Integer> scales = new LinkedHashMap<>();
        for (String s : scale) {
            int eq = s.indexOf('=');
            try {
                scales.put(s.substring(0, eq), Integer.parseInt(s.substring(eq + 1)));
            } catch (RuntimeException e) {
                throw new CliException(ExitCodes.ERROR, "invalid --scale value \"" + s + "\": expected SERVICE=NUM");
            }
        }
        ConvergencePlan.RecreatePolicy policy = forceRecreate ? ConvergencePlan.RecreatePolicy.FORCE
                : noRecreate ? ConvergencePlan.RecreatePolicy.NEVER : ConvergencePlan.RecreatePolicy.DIVERGED;
        ComposeProject p = project(services);
        p.up(new UpOptions(services, policy, scales, removeOrphans, build, noStart, noDeps, waitReady, Optional.ofNullable(timeout)));
        if (detach || waitReady || noStart) {
            return 0;
        }
        return attach(p);
    }

    private int attach(ComposeProject p) throws InterruptedException {
        List<String> names = p.withDependencies(services).stream().map(s -> s.name()).toList();
        List<ProjectContainer> containers = p.containersOf(names, true);
        LogPrinter printer = new LogPrinter(out(), colour() && !noColor, !noLogPrefix);
        LogStreams streams = new LogStreams(p.engine(), p.model().name(), printer);
        out().println("Attaching to " + String.join(", ", containers.stream().map(streams::display).toList()));
        out().flush();
        boolean[] stopping = {false};
        Runnable interrupt = () -> {
            synchronized (stopping) {
                if (stopping[0]) {
                    Runtime.getRuntime().halt(130);
                }
                stopping[0] = true;
            }
            err().println("Gracefully stopping... (press Ctrl+C again to force)");
            err().flush();
            Thread.ofVirtual().start(() -> p.stop(names, Optional.ofNullable(timeout)));
        };
        Signals.on("INT", interrupt);
        Signals.on("TERM", interrupt);
        AtomicInteger exit = new AtomicInteger();
        streams.stream(containers, true, "all", false, (c, display) -> {
            int code = p.engine().inspect(c.id()).path("State").path("ExitCode").asInt();
            printer.event(display, c.service(), "exited with code " + code);
            if (abortOnExit) {
                exit.compareAndSet(0, code);
                synchronized (stopping) {
                    if (!stopping[0]) {
                        stopping[0] = true;
                        Thread.ofVirtual().start(() -> p.stop(names, Optional.ofNullable(timeout)));
                    }
                }
            }
        });
        return exit.get();
    }
}
