package berth.build.dockerfile;

import berth.text.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns one logical line (continuations joined) into its instruction record, with Docker's checks and wording. */
final class InstructionParser {
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9_.-]*");
    private static final Duration MINIMUM_HEALTH_DURATION = Duration.ofMillis(1);

    private final SourceLocation location;
    private final int line;
    private final String keyword;
    private final List<String> flagWords;
    private final String rest;
    private final List<Heredoc> heredocs;
    private final char escape;

    private InstructionParser(String text, SourceLocation location, List<Heredoc> heredocs, char escape) {
        String[] split = text.strip().split("\\s+", 2);
        this.location = location;
        this.line = location.startLine();
        this.keyword = split[0];
        BuilderFlags.Extracted extracted = BuilderFlags.extract(split.length > 1 ? split[1] : "");
        this.flagWords = extracted.flags();
        this.rest = extracted.rest().strip();
        this.heredocs = heredocs;
        this.escape = escape;
    }

    static Instruction parse(String text, SourceLocation location, List<Heredoc> heredocs, char escape) {
        return new InstructionParser(text, location, heredocs, escape).parse();
    }

    private Instruction parse() {
        return switch (keyword.toLowerCase(Locale.ROOT)) {
            case "from" -> from();
            case "run" -> run();
            case "cmd" -> new CmdInstruction(location, command(noFlags()));
            case "entrypoint" -> new EntrypointInstruction(location, command(noFlags()));
            case "label" -> new LabelInstruction(location, keyValues(noFlags()));
            case "expose" -> new ExposeInstruction(location, atLeastOne(noFlags(), ArgumentSyntax.whitespaceWords(rest)));
            case "env" -> new EnvInstruction(location, keyValues(noFlags()));
            case "add" -> add();
            case "copy" -> copy();
            case "volume" -> new VolumeInstruction(location, atLeastOne(noFlags(), jsonOrWords()));
            case "user" -> new UserInstruction(location, exactlyOne(noFlags()));
            case "workdir" -> new WorkdirInstruction(location, exactlyOne(noFlags()));
            case "arg" -> arg();
            case "onbuild" -> onbuild();
            case "stopsignal" -> new StopSignalInstruction(location, exactlyOne(noFlags()));
            case "healthcheck" -> healthcheck();
            case "shell" -> shell();
            case "maintainer" -> new MaintainerInstruction(location, exactlyOne(noFlags()));
            default -> throw ParseErrors.at(line, "unknown instruction: " + keyword.toUpperCase(Locale.ROOT));
        };
    }

    private String name() {
        return keyword.toUpperCase(Locale.ROOT);
    }

    private BuilderFlags flags(Set<String> strings, Set<String> booleans) {
        return BuilderFlags.parse(flagWords, strings, booleans, line);
    }

    private BuilderFlags noFlags() {
        return flags(Set.of(), Set.of());
    }

    private <T> List<T> atLeastOne(BuilderFlags ignored, List<T> values) {
        if (values.isEmpty()) {
            throw ParseErrors.at(line, name() + " requires at least one argument");
        }
        return values;
    }

    private String exactlyOne(BuilderFlags ignored) {
        if (rest.isEmpty()) {
            throw ParseErrors.at(line, name() + " requires exactly one argument");
        }
        return rest;
    }

    private List<String> jsonOrWords() {
        return ArgumentSyntax.jsonStrings(rest, line).orElseGet(() -> ArgumentSyntax.whitespaceWords(rest));
    }

    private FromInstruction from() {
        BuilderFlags flags = flags(Set.of("platform"), Set.of());
        List<String> words = ArgumentSyntax.whitespaceWords(rest);
        Optional<String> stage = Optional.empty();
        if (words.size() == 3 && words.get(1).equalsIgnoreCase("as")) {
            String name = words.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw ParseErrors.at(line, "invalid name for build stage: \"" + words.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
            stage = Optional.of(name);
        } else if (words.size() != 1) {
            throw ParseErrors.at(line, "FROM requires either one or three arguments");
        }
        return new FromInstruction(location, words.getFirst(), stage, flags.string("platform").filter(p -> !p.isEmpty()));
    }

    private RunInstruction run() {
        BuilderFlags flags = flags(Set.of("network", "mount", "security"), Set.of());
        if (flags.string("mount").isPresent()) {
            throw ParseErrors.at(line, "RUN --mount is not supported: it needs BuildKit, and berth builds as Docker's classic builder does");
        }
        if (flags.string("security").isPresent()) {
            throw ParseErrors.at(line, "RUN --security is not supported: it needs BuildKit, and berth builds as Docker's classic builder does");
        }
        RunNetwork network = flags.string("network").map(this::network).orElse(RunNetwork.DEFAULT);
        return new RunInstruction(location, command(flags), network, heredocs);
    }

    private RunNetwork network(String mode) {
        return switch (mode) {
            case "default" -> RunNetwork.DEFAULT;
            case "none" -> RunNetwork.NONE;
            case "host" -> RunNetwork.HOST;
            default -> throw ParseErrors.at(line, "network mode \"" + mode + "\" not supported for RUN --network (use default, none or host)");
        };
    }

    private CommandLine command(BuilderFlags ignored) {
        if (rest.isEmpty()) {
            throw ParseErrors.at(line, name() + " requires at least one argument");
        }
        return commandOf(rest);
    }

    private CommandLine commandOf(String text) {
        Optional<List<String>> exec = ArgumentSyntax.jsonStrings(text, line);
        return exec.<CommandLine>map(CommandLine.Exec::new).orElseGet(() -> new CommandLine.Shell(text));
    }

    /** ENV and LABEL: {@code k=v ...}, or the old {@code k v} with everything after the key as the value. */
    private List<KeyValue> keyValues(BuilderFlags ignored) {
        List<String> words = ArgumentSyntax.rawWords(rest, escape);
        if (words.isEmpty()) {
            throw ParseErrors.at(line, name() + " requires at least one argument");
        }
        List<KeyValue> pairs = new ArrayList<>();
        if (!words.getFirst().contains("=")) {
            String[] keyAndValue = rest.split("\\s+", 2);
            if (keyAndValue.length < 2) {
                throw ParseErrors.at(line, name() + " must have two arguments");
            }
            pairs.add(new KeyValue(keyAndValue[0], keyAndValue[1]));
        } else {
            for (String word : words) {
                int eq = word.indexOf('=');
                if (eq < 0) {
                    throw ParseErrors.at(line, "Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
                }
                pairs.add(new KeyValue(word.substring(0, eq), word.substring(eq + 1)));
            }
        }
        if (pairs.stream().anyMatch(p -> p.key().isEmpty())) {
            throw ParseErrors.at(line, name() + " names can not be blank");
        }
        return pairs;
    }

    /** Sources and destination of ADD and COPY; heredoc sources are split off in order. */
    private record Paths(List<String> sources, List<Heredoc> heredocs, String destination) {}

    private Paths paths() {
        Optional<List<String>> json = ArgumentSyntax.jsonStrings(rest, line);
        List<String> words = json.orElseGet(() -> ArgumentSyntax.whitespaceWords(rest));
        if (words.size() < 2) {
            throw ParseErrors.at(line, name() + " requires at least two arguments, but only one was provided. Destination could not be determined.");
        }
        List<String> sources = new ArrayList<>();
        List<Heredoc> inline = new ArrayList<>();
        for (String word : words.subList(0, words.size() - 1)) {
            if (json.isEmpty() && HeredocSyntax.parse(word).isPresent() && inline.size() < heredocs.size()) {
                inline.add(heredocs.get(inline.size()));
            } else {
                sources.add(word);
            }
        }
        return new Paths(sources, inline, words.getLast());
    }

    private AddInstruction add() {
        BuilderFlags flags = flags(Set.of("chown", "chmod", "checksum"), Set.of("link", "keep-git-dir"));
        if (flags.string("checksum").isPresent() || flagWords.stream().anyMatch(f -> f.startsWith("keep-git-dir"))) {
            throw ParseErrors.at(line, "ADD --checksum and --keep-git-dir are not supported: berth's builder does not fetch remote sources");
        }
        Paths paths = paths();
        return new AddInstruction(location, paths.sources(), paths.heredocs(), paths.destination(),
                flags.string("chown"), flags.string("chmod"), flags.bool("link"));
    }

    private CopyInstruction copy() {
        BuilderFlags flags = flags(Set.of("from", "chown", "chmod", "exclude"), Set.of("link", "parents"));
        if (flags.string("exclude").isPresent() || flagWords.stream().anyMatch(f -> f.startsWith("parents"))) {
            throw ParseErrors.at(line, "COPY --exclude and --parents are not supported: they need BuildKit's labs syntax");
        }
        if (flags.string("from").filter(String::isEmpty).isPresent()) {
            throw ParseErrors.at(line, "COPY --from needs a stage name, a stage index or an image");
        }
        Paths paths = paths();
        return new CopyInstruction(location, paths.sources(), paths.heredocs(), paths.destination(),
                flags.string("from"), flags.string("chown"), flags.string("chmod"), flags.bool("link"));
    }

    private ArgInstruction arg() {
        noFlags();
        List<String> words = ArgumentSyntax.rawWords(rest, escape);
        if (words.isEmpty()) {
            throw ParseErrors.at(line, "ARG requires at least one argument");
        }
        List<ArgDeclaration> declarations = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (name.isEmpty()) {
                throw ParseErrors.at(line, "ARG names can not be blank");
            }
            declarations.add(new ArgDeclaration(name, eq < 0 ? Optional.empty() : Optional.of(word.substring(eq + 1))));
        }
        return new ArgInstruction(location, declarations);
    }

    private OnbuildInstruction onbuild() {
        noFlags();
        if (rest.isEmpty()) {
            throw ParseErrors.at(line, "ONBUILD requires at least one argument");
        }
        String trigger = rest.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        switch (trigger) {
            case "ONBUILD" -> throw ParseErrors.at(line, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "FROM", "MAINTAINER" -> throw ParseErrors.at(line, trigger + " isn't allowed as an ONBUILD trigger");
            default -> { }
        }
        SourceLocation triggerLocation = new SourceLocation(location.startLine(), location.endLine(), rest);
        return new OnbuildInstruction(location, rest, parse(rest, triggerLocation, List.of(), escape));
    }

    private HealthcheckInstruction healthcheck() {
        BuilderFlags flags = flags(Set.of("interval", "timeout", "start-period", "start-interval", "retries"), Set.of());
        if (rest.isEmpty()) {
            throw ParseErrors.at(line, "HEALTHCHECK requires at least one argument");
        }
        String[] typeAndCommand = rest.split("\\s+", 2);
        String type = typeAndCommand[0].toUpperCase(Locale.ROOT);
        String command = typeAndCommand.length > 1 ? typeAndCommand[1] : "";
        List<String> test = new ArrayList<>();
        switch (type) {
            case "NONE" -> {
                if (!command.isEmpty()) {
                    throw ParseErrors.at(line, "HEALTHCHECK NONE takes no arguments");
                }
                return new HealthcheckInstruction(location, List.of("NONE"), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), OptionalInt.empty());
            }
            case "CMD" -> {
                if (command.isEmpty()) {
                    throw ParseErrors.at(line, "Missing command after HEALTHCHECK CMD");
                }
                switch (commandOf(command)) {
                    case CommandLine.Exec exec -> {
                        test.add("CMD");
                        test.addAll(exec.args());
                    }
                    case CommandLine.Shell shell -> {
                        test.add("CMD-SHELL");
                        test.add(shell.command());
                    }
                }
            }
            default -> throw ParseErrors.at(line, "Unknown type \"" + type + "\" in HEALTHCHECK (try CMD)");
        }
        return new HealthcheckInstruction(location, test, duration(flags, "interval"), duration(flags, "timeout"),
                duration(flags, "start-period"), duration(flags, "start-interval"), retries(flags));
    }

    private Optional<Duration> duration(BuilderFlags flags, String name) {
        Optional<String> text = flags.string(name).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Duration value;
        try {
            value = GoDuration.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw ParseErrors.at(line, e.getMessage(), e);
        }
        if (value.isZero()) {
            return Optional.empty(); // zero means "inherit", as Docker
        }
        if (value.compareTo(MINIMUM_HEALTH_DURATION) < 0) {
            throw ParseErrors.at(line, "Interval \"" + name + "\" cannot be less than 1ms");
        }
        return Optional.of(value);
    }

    private OptionalInt retries(BuilderFlags flags) {
        Optional<String> text = flags.string("retries").filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        int retries;
        try {
            retries = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw ParseErrors.at(line, "strconv.ParseInt: parsing \"" + text.get() + "\": invalid syntax", e);
        }
        if (retries < 0) {
            throw ParseErrors.at(line, "--retries cannot be negative (" + retries + ")");
        }
        return OptionalInt.of(retries);
    }

    private ShellInstruction shell() {
        noFlags();
        if (rest.isEmpty()) {
            throw ParseErrors.at(line, "SHELL requires at least one argument");
        }
        List<String> shell = ArgumentSyntax.jsonStrings(rest, line)
                .orElseThrow(() -> ParseErrors.at(line, "SHELL requires the arguments to be in JSON form"));
        if (shell.isEmpty()) {
            throw ParseErrors.at(line, "SHELL requires at least one argument");
        }
        return new ShellInstruction(location, shell);
    }
}
