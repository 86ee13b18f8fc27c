package berth.build.exec;

import berth.build.dockerfile.ArgDeclaration;
import berth.build.dockerfile.ArgInstruction;
import berth.build.dockerfile.CmdInstruction;
import berth.build.dockerfile.CommandLine;
import berth.build.dockerfile.EntrypointInstruction;
import berth.build.dockerfile.EnvInstruction;
import berth.build.dockerfile.Expander;
import berth.build.dockerfile.ExposeInstruction;
import berth.build.dockerfile.HealthcheckInstruction;
import berth.build.dockerfile.Instruction;
import berth.build.dockerfile.KeyValue;
import berth.build.dockerfile.LabelInstruction;
import berth.build.dockerfile.MaintainerInstruction;
import berth.build.dockerfile.OnbuildInstruction;
import berth.build.dockerfile.ShellInstruction;
import berth.build.dockerfile.StopSignalInstruction;
import berth.build.dockerfile.UserInstruction;
import berth.build.dockerfile.VolumeInstruction;
import berth.container.HealthConfig;
import berth.errors.BerthException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The instructions that change only the image config, applied as Docker's classic builder applies them,
 * each returning the comment of its history entry ({@code ENV A=b}, {@code CMD ["sh"]}, ...). Pure: the
 * executor commits the result.
 */
final class MetadataSteps {
    private static final Pattern SIGNAL_NUMBER = Pattern.compile("[0-9]+");
    private static final Set<String> SIGNALS = Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP",
            "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS",
            "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "UNUSED", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ",
            "RTMIN", "RTMAX");

    private MetadataSteps() {}

    /** Whether the executor handles this instruction here (the others make layers). */
    static boolean handles(Instruction instruction) {
        return switch (instruction) {
            case EnvInstruction e -> true;
            case LabelInstruction l -> true;
            case CmdInstruction c -> true;
            case EntrypointInstruction e -> true;
            case ExposeInstruction e -> true;
            case VolumeInstruction v -> true;
            case UserInstruction u -> true;
            case StopSignalInstruction s -> true;
            case HealthcheckInstruction h -> true;
            case ShellInstruction s -> true;
            case OnbuildInstruction o -> true;
            case MaintainerInstruction m -> true;
            case ArgInstruction a -> true;
            default -> false;
        };
    }

    /**
     * Applies one metadata instruction to the stage.
     *
     * @param expander the build args and ENV in scope, for the instructions that expand
     * @param notes    where Docker's notes go ("Note: overriding previous HEALTHCHECK: ...")
     * @return the history comment, without the {@code /bin/sh -c #(nop) } prefix
     */
    static String apply(Instruction instruction, StageState state, Expander expander, Consumer<String> notes) {
        StepConfig c = state.config;
        int line = instruction.location().startLine();
        return switch (instruction) {
            case EnvInstruction raw -> {
                EnvInstruction e = raw.expand(expander);
                StringBuilder comment = new StringBuilder("ENV");
                for (KeyValue kv : e.pairs()) {
                    if (kv.key().isEmpty()) {
                        throw lineError(line, "ENV names can not be blank");
                    }
                    c.setEnv(kv.key(), kv.value());
                    comment.append(' ').append(kv.key()).append('=').append(kv.value());
                }
                yield comment.toString();
            }
            case LabelInstruction raw -> {
                LabelInstruction l = raw.expand(expander);
                StringBuilder comment = new StringBuilder("LABEL");
                for (KeyValue kv : l.pairs()) {
                    if (kv.key().isEmpty()) {
                        throw lineError(line, "LABEL names can not be blank");
                    }
                    c.labels.put(kv.key(), kv.value());
                    comment.append(' ').append(kv.key()).append('=').append(kv.value());
                }
                yield comment.toString();
            }
            case MaintainerInstruction m -> {
                state.maintainer = m.name();
                yield "MAINTAINER " + m.name();
            }
            case CmdInstruction cmd -> {
                List<String> argv = resolve(cmd.command(), c);
                c.cmd = Optional.of(argv);
                if (!(cmd.command() instanceof CommandLine.Exec exec && exec.args().isEmpty())) {
                    state.cmdSet = true;
                }
                yield "CMD " + GoText.quotedList(argv);
            }
            case EntrypointInstruction ep -> {
                List<String> argv = resolve(ep.command(), c);
                c.entrypoint = Optional.of(argv);
                if (!state.cmdSet) {
                    c.cmd = Optional.empty();
                }
                yield "ENTRYPOINT " + GoText.quotedList(argv);
            }
            case ExposeInstruction raw -> {
                List<String> words = new ArrayList<>();
                List<String> sorted = raw.ports().stream().sorted().toList(); // Docker sorts them as written
                try {
                    sorted.forEach(p -> words.addAll(expander.words(p)));
                } catch (berth.build.dockerfile.SubstitutionException e) {
                    throw lineError(line, e.getMessage());
                }
                c.exposedPorts.addAll(raw.expand(expander).ports());
                yield "EXPOSE " + String.join(" ", words);
            }
            case UserInstruction raw -> {
                UserInstruction u = raw.expand(expander);
                c.user = u.user();
                yield "USER " + u.user();
            }
            case VolumeInstruction raw -> {
                VolumeInstruction v = raw.expand(expander);
                c.volumes.addAll(v.paths());
                yield "VOLUME " + GoText.list(v.paths());
            }
            case StopSignalInstruction raw -> {
                StopSignalInstruction s = raw.expand(expander);
                checkSignal(s.signal(), line);
                c.stopSignal = s.signal();
                yield "STOPSIGNAL " + s.signal();
            }
            case HealthcheckInstruction h -> {
                c.healthcheck.filter(old -> !old.test().isEmpty() && !old.test().getFirst().equals("NONE"))
                        .ifPresent(old -> notes.accept("Note: overriding previous HEALTHCHECK: "
                                + GoText.list(old.test()) + "\n"));
                HealthConfig health = new HealthConfig(h.test(), nanos(h.interval()), nanos(h.timeout()),
                        nanos(h.startPeriod()), h.retries().orElse(0));
                c.healthcheck = Optional.of(health);
                yield "HEALTHCHECK " + healthText(health);
            }
            case ShellInstruction s -> {
                c.shell = s.shell();
                yield "SHELL " + GoText.list(s.shell());
            }
            case OnbuildInstruction o -> {
                c.onBuild.add(o.expression());
                yield "ONBUILD " + o.expression();
            }
            case ArgInstruction raw -> {
                ArgInstruction a = raw.expand(expander);
                StringBuilder comment = new StringBuilder("ARG ");
                boolean first = true;
                for (ArgDeclaration d : a.args()) {
                    if (!first) {
                        comment.append(' ');
                    }
                    first = false;
                    comment.append(d.name());
                    d.defaultValue().ifPresent(v -> comment.append('=').append(v));
                    state.args.declare(d.name(), d.defaultValue().orElse(null));
                }
                yield comment.toString();
            }
            default -> throw new IllegalArgumentException("not a metadata instruction: " + instruction.keyword());
        };
    }

    /** A command as the config stores it: exec form as is, shell form behind the stage's SHELL. */
    static List<String> resolve(CommandLine command, StepConfig c) {
        return switch (command) {
            case CommandLine.Exec exec -> exec.args();
            case CommandLine.Shell shell -> {
                List<String> argv = new ArrayList<>(c.effectiveShell());
                argv.add(shell.command());
                yield List.copyOf(argv);
            }
        };
    }

    /** Go's {@code %q} of Docker's {@code *HealthConfig}: {@code &{["CMD-SHELL" "x"] "30s" "0s" "0s" '\x03'}}. */
    static String healthText(HealthConfig h) {
        return "&{" + GoText.quotedList(h.test())
                + " " + GoText.quote(GoText.duration(Duration.ofNanos(h.intervalNanos())))
                + " " + GoText.quote(GoText.duration(Duration.ofNanos(h.timeoutNanos())))
                + " " + GoText.quote(GoText.duration(Duration.ofNanos(h.startPeriodNanos())))
                + " " + GoText.quoteRune(h.retries()) + "}";
    }

    private static long nanos(Optional<Duration> d) {
        return d.map(Duration::toNanos).orElse(0L);
    }

    private static void checkSignal(String signal, int line) {
        if (SIGNAL_NUMBER.matcher(signal).matches()) {
            if (Long.parseLong(signal.length() > 9 ? "999999999" : signal) == 0 || signal.length() > 9) {
                throw lineError(line, "Invalid signal: " + signal);
            }
            return;
        }
        String name = signal.toUpperCase(java.util.Locale.ROOT);
        name = name.startsWith("SIG") ? name.substring(3) : name;
        String base = name.replaceFirst("[+-][0-9]+$", "");
        if (!SIGNALS.contains(name) && !(base.startsWith("RTM") && SIGNALS.contains(base))) {
            throw lineError(line, "Invalid signal: " + signal);
        }
    }

    private static BerthException lineError(int line, String what) {
        return BerthException.invalid("Dockerfile parse error line " + line + ": " + what);
    }
}
