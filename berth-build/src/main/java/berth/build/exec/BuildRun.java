package berth.build.exec;

import berth.build.BuildOutput;
import berth.build.BuildRequest;
import berth.build.BuildResult;
import berth.build.cache.BuildCache;
import berth.build.cache.CacheEntry;
import berth.build.cache.CacheKey;
import berth.build.context.BuildContext;
import berth.build.copy.CopyOrigin;
import berth.build.copy.CopyRequest;
import berth.build.copy.CopyStep;
import berth.build.dockerfile.AddInstruction;
import berth.build.dockerfile.ArgDeclaration;
import berth.build.dockerfile.ArgInstruction;
import berth.build.dockerfile.BuildStages;
import berth.build.dockerfile.CommandLine;
import berth.build.dockerfile.CopyInstruction;
import berth.build.dockerfile.Dockerfile;
import berth.build.dockerfile.DockerfileParser;
import berth.build.dockerfile.Expander;
import berth.build.dockerfile.FromInstruction;
import berth.build.dockerfile.Heredoc;
import berth.build.dockerfile.Instruction;
import berth.build.dockerfile.RunInstruction;
import berth.build.dockerfile.Stage;
import berth.build.dockerfile.Substitution;
import berth.build.dockerfile.WorkdirInstruction;
import berth.container.AttachOptions;
import berth.container.Attachment;
import berth.container.ContainerService;
import berth.container.ContainerSpec;
import berth.container.HealthConfig;
import berth.container.HostConfig;
import berth.container.WaitCondition;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.Image;
import berth.image.ImageCommit;
import berth.image.ImageReference;
import berth.image.ImageService;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import berth.image.RegistryService;
import berth.logs.LogEntry;
import berth.logs.LogSource;
import berth.logs.StreamType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One build, run as Docker 20.10's classic builder runs it: the global ARGs, then every stage up to the
 * target (as Docker, also the stages the target does not need), step by step, each step's image an
 * untagged child of the one before, looked up in the layer cache first. Used once, on the build's thread.
 */
final class BuildRun {
    private static final byte[] EMPTY_LAYER = new byte[1024];

    private final ImageService images;
    private final ContainerService containers;
    private final RegistryService registries;
    private final BuildCache cache;
    private final CacheFrom cacheFrom;
    private final Optional<berth.image.ImageIngest> layers;
    private final BuildRequest request;
    private final BuildOutput out;
    private final BuildContext context;
    private final Set<String> pinned = new LinkedHashSet<>();
    private final Map<Integer, Optional<Digest>> stageResults = new HashMap<>();
    /** COPY/ADD steps prepared by the checks before the build, so the sources are digested once. */
    private final Map<CopyRequest, CopyStep> preparedAhead = new HashMap<>();

    /** The client went away: the build stops at the next step, or now when a step's container runs. */
    private volatile boolean cancelled;
    /** The container of the RUN step running now, to kill on cancel. */
    private volatile String running;

    private Substitution substitution;
    /** The base image of the last stage run (what squash merges onto); empty for scratch. */
    private Optional<Digest> stageBase = Optional.empty();
    private BuildStages stages;
    private int step;
    private int totalSteps;

    BuildRun(ImageService images, Optional<berth.image.ImageIngest> layers, ContainerService containers,
             RegistryService registries, BuildCache cache, BuildRequest request, BuildOutput out,
             BuildContext context) {
        this.images = images;
        this.containers = containers;
        this.registries = registries;
        this.cache = cache;
        this.request = request;
        this.out = out;
        this.context = context;
        this.cacheFrom = new CacheFrom(images, layers, request.cacheFrom());
        this.layers = layers;
    }

    BuildResult run() {
        out.onCancel(this::cancel);
        try {
            return runPinned();
        } finally {
            pinned.forEach(cache::unpin);
        }
    }

    private BuildResult runPinned() {
        List<ImageReference> tags = request.tags().stream().map(BuildRun::parseTag).toList();
        Dockerfile dockerfile = DockerfileParser.parse(new String(context.dockerfile(), StandardCharsets.UTF_8),
                context.dockerfilePath());
        substitution = dockerfile.substitution();
        stages = BuildStages.of(dockerfile);
        Stage target = request.target().map(stages::target).orElse(stages.last());
        List<Stage> selected = stages.stages().subList(0, target.index() + 1);
        Map<String, String> labels = new TreeMap<>(request.labels());
        totalSteps = stages.globalArgs().size() + labels.size();
        for (Stage s : selected) {
            totalSteps += 1 + s.instructions().size();
        }
        validate(selected);
        dockerfile.notes().forEach(n -> out.stream(n.endsWith("\n") ? n : n + "\n"));
        BuildArgs globals = BuildArgs.global(request.buildArgs());
        for (ArgInstruction arg : stages.globalArgs()) {
            printStep(arg.location().text());
            ArgInstruction expanded = arg.expand(substitution.expander(globals.globalValues()));
            for (ArgDeclaration d : expanded.args()) {
                globals.declareGlobal(d.name(), d.defaultValue().orElse(null));
            }
        }
        StageState last = null;
        for (Stage stage : selected) {
            last = runStage(stage, globals, stage == target ? labels : Map.of());
            stageResults.put(stage.index(), last.imageId);
        }
        Digest imageId = last.imageId.orElseThrow(
                () -> BerthException.invalid("No image was generated. Is your Dockerfile empty?"));
        if (request.squash()) {
            imageId = new Squash(images, layers, containers).squash(imageId, stageBase);
        }
        out.imageId(imageId);
        List<String> unconsumed = globals.unconsumed();
        if (!unconsumed.isEmpty()) {
            out.stream("[Warning] One or more build-args " + GoText.list(unconsumed) + " were not consumed\n");
        }
        out.stream("Successfully built " + shortId(imageId) + "\n");
        List<String> tagged = new ArrayList<>();
        for (ImageReference ref : tags) {
            images.tag(imageId.toString(), ref.name(), ref.tag().orElseThrow());
            out.stream("Successfully tagged " + ref.familiarString() + "\n");
            tagged.add(ref.familiarString());
        }
        return new BuildResult(imageId, tagged);
    }

    private static ImageReference parseTag(String tag) {
        ImageReference ref = ImageReference.parse(tag);
        if (ref.digest().isPresent()) {
            throw BerthException.invalid("invalid reference format: build tag cannot contain a digest: " + tag);
        }
        return ref.withDefaultTag();
    }

    /**
     * What can be checked before anything runs, so a bad Dockerfile leaves nothing behind: COPY --from
     * stage references, and COPY/ADD sources written without variables.
     */
    private void validate(List<Stage> selected) {
        int number = stages.globalArgs().size();
        for (Stage stage : selected) {
            number++;
            for (Instruction ins : stage.instructions()) {
                number++;
                try {
                    validate(ins, stage);
                } catch (BerthException e) {
                    // nothing ran: show only the step that cannot run, under its number
                    out.stream("Step " + number + "/" + totalSteps + " : " + ins.location().text() + "\n");
                    throw e;
                }
            }
        }
    }

    private void validate(Instruction ins, Stage stage) {
        Expander none = substitution.expander(Map.of()); // written without variables: only quotes come off
        if (ins instanceof CopyInstruction raw) {
            int line = raw.location().startLine();
            raw.from().ifPresent(from -> stages.stageFor(from, stage, line));
            if (raw.from().isEmpty()
                    && literal(raw.sources(), raw.heredocs(), raw.destination(), raw.chown(), raw.chmod())) {
                CopyInstruction c = raw.expand(none);
                prepareAhead(new CopyRequest(false, c.sources(), c.heredocs(), c.destination(), "/", c.chown(),
                        c.chmod(), new CopyOrigin.Context(context)));
            }
        } else if (ins instanceof AddInstruction raw
                && literal(raw.sources(), raw.heredocs(), raw.destination(), raw.chown(), raw.chmod())) {
            AddInstruction a = raw.expand(none);
            prepareAhead(new CopyRequest(true, a.sources(), a.heredocs(), a.destination(), "/", a.chown(), a.chmod(),
                    new CopyOrigin.Context(context)));
        }
    }

    /** Prepares a COPY/ADD before anything runs; the step is kept for its turn if nothing differs then. */
    private void prepareAhead(CopyRequest request) {
        preparedAhead.put(request, CopyStep.prepare(request, containers));
    }

    private static boolean literal(List<String> words, List<Heredoc> heredocs, String destination,
                                   Optional<String> chown, Optional<String> chmod) {
        return words.stream().noneMatch(w -> w.contains("$")) && !destination.contains("$")
                && heredocs.stream().noneMatch(h -> h.expand() && h.content().contains("$"))
                && chown.filter(o -> o.contains("$")).isEmpty() && chmod.filter(o -> o.contains("$")).isEmpty();
    }

    private void cancel() {
        cancelled = true;
        String id = running;
        if (id != null) {
            // not on the caller's thread: that may be the API's event loop
            Thread.ofVirtual().name("build-cancel").start(() -> {
                try {
                    containers.kill(id, Optional.empty());
                } catch (BerthException alreadyStopped) {
                    // it ended by itself meanwhile: the step sees the flag all the same
                }
            });
        }
    }

    private void checkCancelled() {
        if (cancelled) {
            throw new BerthException(ErrorKind.UNAVAILABLE, "the build was cancelled: the client went away");
        }
    }

    private void printStep(String text) {
        checkCancelled();
        step++;
        out.stream("Step " + step + "/" + totalSteps + " : " + text + "\n");
    }

    // ---- stages ----

    private StageState runStage(Stage stage, BuildArgs globals, Map<String, String> labels) {
        printStep(stage.from().location().text());
        FromInstruction from = stage.from().expand(substitution.expander(globals.globalValues()));
        Optional<Image> base = baseImage(from, stage);
        base.ifPresent(b -> pin(b.id()));
        stageBase = base.map(Image::id);
        StageState state = new StageState(StepConfig.of(base.map(Image::config)), globals.forStage(),
                base.map(Image::id));
        if (!state.config.onBuild.isEmpty()) {
            List<String> triggers = List.copyOf(state.config.onBuild);
            state.config.onBuild.clear();
            out.stream("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : "") + "\n");
            for (String trigger : triggers) {
                Dockerfile parsed = DockerfileParser.parse(trigger + "\n");
                if (parsed.instructions().size() != 1) {
                    throw BerthException.invalid("onbuild trigger should be a single expression");
                }
                dispatch(parsed.instructions().getFirst(), state, stage);
            }
        }
        out.stream(" ---> " + state.imageId.map(BuildRun::shortId).orElse("") + "\n");
        for (Instruction ins : stage.instructions()) {
            printStep(ins.location().text());
            dispatch(ins, state, stage);
            out.stream(" ---> " + state.imageId.map(BuildRun::shortId).orElse("") + "\n");
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String comment = "LABEL " + label.getKey() + "=" + label.getValue();
            printStep(comment);
            state.config.labels.put(label.getKey(), label.getValue());
            commitMetadata(state, comment, comment);
            out.stream(" ---> " + state.imageId.map(BuildRun::shortId).orElse("") + "\n");
        }
        return state;
    }

    /** FROM's image: an earlier stage's result, nothing for scratch, or an image (pulled when missing). */
    private Optional<Image> baseImage(FromInstruction from, Stage stage) {
        String name = from.image();
        String lower = name.toLowerCase(Locale.ROOT);
        for (Stage earlier : stages.stages().subList(0, stage.index())) {
            if (earlier.name().filter(lower::equals).isPresent()) {
                return stageResults.get(earlier.index()).map(id -> images.inspect(id.toString()));
            }
        }
        if (name.equals("scratch")) {
            return Optional.empty();
        }
        return Optional.of(resolveImage(name, from.platform().or(request::platform)));
    }

    /** An image by reference: the local one unless {@code pull}, else pulled (as FROM and COPY --from do). */
    private Image resolveImage(String name, Optional<String> platform) {
        boolean byId = name.startsWith("sha256:") || name.matches("[0-9a-f]{64}");
        if (!request.pull() || registries == null || byId) {
            try {
                return images.inspect(name);
            } catch (BerthException e) {
                if (e.kind() != ErrorKind.NOT_FOUND || registries == null || byId) {
                    throw e;
                }
            }
        }
        ImageReference ref = ImageReference.parse(name);
        return registries.pull(name, platform, credentialsFor(ref), event -> {
            if (event instanceof Progress.Status status) {
                out.stream(status.message() + "\n");
            }
        }).image();
    }

    private RegistryCredentials credentialsFor(ImageReference ref) {
        Map<String, RegistryCredentials> auth = request.registryAuth();
        List<String> keys = ref.domain().equals(ImageReference.DEFAULT_DOMAIN)
                ? List.of("https://index.docker.io/v1/", "index.docker.io", "docker.io", "https://index.docker.io/v1")
                : List.of(ref.domain(), "https://" + ref.domain(), "http://" + ref.domain(),
                        "https://" + ref.domain() + "/v2/");
        return keys.stream().map(auth::get).filter(java.util.Objects::nonNull).findFirst()
                .orElse(RegistryCredentials.ANONYMOUS);
    }

    // ---- steps ----

    private void dispatch(Instruction ins, StageState state, Stage stage) {
        Expander expander = substitution.expander(state.args.expansionEnv(state.config.env));
        if (MetadataSteps.handles(ins)) {
            String comment = MetadataSteps.apply(ins, state, expander, out::stream);
            commitMetadata(state, comment, ins.location().text());
            return;
        }
        switch (ins) {
            case RunInstruction run -> run(run, state);
            case CopyInstruction raw -> {
                CopyInstruction c = raw.expand(expander);
                copy(false, c.sources(), c.heredocs(), c.destination(), c.from(), c.chown(), c.chmod(), state, stage,
                        c.location().startLine(), c.location().text());
            }
            case AddInstruction raw -> {
                AddInstruction a = raw.expand(expander);
                copy(true, a.sources(), a.heredocs(), a.destination(), Optional.empty(), a.chown(), a.chmod(), state,
                        stage, a.location().startLine(), a.location().text());
            }
            case WorkdirInstruction raw -> workdir(raw.expand(expander), state);
            default -> throw BerthException.invalid("Dockerfile parse error line " + ins.location().startLine()
                    + ": " + ins.keyword() + " is not allowed here");
        }
    }

    /** A config-only step: an image with an empty layer and the step's history entry. */
    private void commitMetadata(StageState state, String comment, String description) {
        String createdBy = String.join(" ", state.config.effectiveShell()) + " #(nop)  " + comment;
        CacheKey key = key(state, createdBy, "");
        if (probe(state, key, createdBy)) {
            return;
        }
        Image made = images.commit(new ImageCommit(state.imageId, state.config.toImageConfig(), createdBy,
                state.maintainer, "", "", Optional.empty(), Instant.now()), o -> o.write(EMPTY_LAYER));
        made(state, key, made, description);
    }

    private void run(RunInstruction run, StageState state) {
        List<String> argv = runArgv(run, state.config);
        String createdBy = state.args.historyPrefix(state.config.env) + String.join(" ", argv);
        CacheKey key = key(state, createdBy, "");
        if (probe(state, key, createdBy)) {
            return;
        }
        List<String> env = new ArrayList<>(state.config.env);
        env.addAll(state.args.notIn(state.config.env));
        String network = switch (run.network()) {
            case NONE -> "none";
            case HOST -> "host";
            case DEFAULT -> request.networkMode();
        };
        try (StepBase base = StepBase.of(images, containers, state)) {
            String id = containers.create(spec(base.image(), argv, env, state.config, network, true,
                    request.extraHosts())).id();
            StepEnd end = StepEnd.ABORTED;
            try {
                out.stream(" ---> Running in " + id.substring(0, 12) + "\n");
                int code = runAttached(id);
                checkCancelled();
                if (code != 0) {
                    end = StepEnd.COMMAND_FAILED;
                    throw BerthException.invalid("The command '" + String.join(" ", argv)
                            + "' returned a non-zero code: " + code);
                }
                Image made = containers.commitBuildStep(id, new ImageCommit(state.imageId,
                        state.config.toImageConfig(), createdBy, state.maintainer, "", id, Optional.empty(),
                        Instant.now()));
                end = StepEnd.SUCCEEDED;
                made(state, key, made, run.location().text());
            } finally {
                removeStepContainer(id, end);
            }
        }
    }

    /** RUN's command: exec form as is; shell form behind SHELL; a script heredoc by its #! line, else the shell. */
    static List<String> runArgv(RunInstruction run, StepConfig config) {
        if (run.command() instanceof CommandLine.Exec exec) {
            return exec.args();
        }
        Optional<Heredoc> script = run.scriptHeredoc();
        if (script.isPresent() && script.get().content().startsWith("#!")) {
            String body = script.get().content();
            int nl = body.indexOf('\n');
            String interpreter = body.substring(2, nl < 0 ? body.length() : nl).strip();
            List<String> argv = new ArrayList<>(List.of(interpreter.split("\\s+")));
            argv.add("-c");
            argv.add(body);
            return List.copyOf(argv);
        }
        List<String> argv = new ArrayList<>(config.effectiveShell());
        argv.add(run.shellText());
        return List.copyOf(argv);
    }

    private void copy(boolean add, List<String> sources, List<Heredoc> heredocs, String destination,
                      Optional<String> from, Optional<String> chown, Optional<String> chmod, StageState state,
                      Stage stage, int line, String description) {
        String source = null;
        StepBase sourceBase = null;
        try {
            CopyOrigin origin = new CopyOrigin.Context(context);
            if (from.isPresent()) {
                Optional<Stage> src = stages.stageFor(from.get(), stage, line);
                Digest image;
                if (src.isPresent()) {
                    image = stageResults.get(src.get().index()).orElseThrow(() -> BerthException.invalid(
                            "invalid from flag value " + from.get() + ": the stage made no image (FROM scratch)"));
                } else {
                    image = resolveImage(from.get(), request.platform()).id();
                    pin(image);
                }
                Digest sourceImage = image;
                sourceBase = StepBase.of(images, containers, Optional.of(sourceImage),
                        () -> images.inspect(sourceImage.toString()).config()); // a stage of no layers has a seed
                source = containers.create(spec(sourceBase.image(), List.of("/bin/sh", "-c", "#(nop) COPY --from"),
                        List.of(), StepConfig.of(Optional.empty()), "none", false)).id();
                origin = new CopyOrigin.Container(source);
            }
            // the workdir only places a relative destination
            String workdir = state.config.workingDir.isEmpty() || destination.startsWith("/") ? "/"
                    : state.config.workingDir;
            CopyRequest request = new CopyRequest(add, sources, heredocs, destination, workdir, chown, chmod, origin);
            CopyStep ahead = preparedAhead.remove(request);
            CopyStep copyStep = ahead != null ? ahead : CopyStep.prepare(request, containers);
            String createdBy = copyStep.createdBy();
            CacheKey key = key(state, createdBy, copyStep.cacheDigest());
            if (probe(state, key, createdBy)) {
                return;
            }
            try (StepBase base = StepBase.of(images, containers, state)) {
                List<String> nop = new ArrayList<>(state.config.effectiveShell());
                nop.add("#(nop) " + (add ? "ADD" : "COPY"));
                String id = containers.create(spec(base.image(), nop, List.of(), state.config, "none", false)).id();
                try {
                    copyStep.applyTo(id);
                    Image made = containers.commitBuildStep(id, new ImageCommit(state.imageId,
                            state.config.toImageConfig(), createdBy, state.maintainer, "", "", Optional.empty(),
                            Instant.now()));
                    made(state, key, made, description);
                } finally {
                    containers.remove(id, true, true);
                }
            }
        } finally {
            if (source != null) {
                containers.remove(source, true, true);
            }
            if (sourceBase != null) {
                sourceBase.close();
            }
        }
    }

    private void workdir(WorkdirInstruction w, StageState state) {
        String dir = normalizeWorkdir(state.config.workingDir, w.path());
        if (dir.isEmpty()) {
            throw BerthException.invalid("Dockerfile parse error line " + w.location().startLine()
                    + ": cannot normalize nothing");
        }
        state.config.workingDir = dir;
        String comment = "#(nop) WORKDIR " + dir;
        String createdBy = String.join(" ", state.config.effectiveShell()) + " " + comment;
        CacheKey key = key(state, createdBy, "");
        if (probe(state, key, createdBy)) {
            return;
        }
        List<String> argv = new ArrayList<>(state.config.effectiveShell());
        argv.add(comment);
        try (StepBase base = StepBase.of(images, containers, state)) {
            String id = containers.create(spec(base.image(), argv, List.of(), state.config, "none", false)).id();
            StepEnd end = StepEnd.ABORTED;
            try {
                out.stream(" ---> Running in " + id.substring(0, 12) + "\n");
                Workdirs.ensure(containers, id, dir);
                Image made = containers.commitBuildStep(id, new ImageCommit(state.imageId,
                        state.config.toImageConfig(), createdBy, state.maintainer, "", id, Optional.empty(),
                        Instant.now()));
                end = StepEnd.SUCCEEDED;
                made(state, key, made, w.location().text());
            } finally {
                removeStepContainer(id, end);
            }
        }
    }

    /** Docker's rule: a relative WORKDIR joins the current one (cleaned); an absolute one is taken as written. */
    static String normalizeWorkdir(String current, String requested) {
        if (requested.isEmpty()) {
            return "";
        }
        if (requested.startsWith("/")) {
            return requested;
        }
        return cleanPath("/" + current + "/" + requested);
    }

    /** Go's path.Clean for absolute paths. */
    static String cleanPath(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.add(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** How a step with a container ended. */
    private enum StepEnd { SUCCEEDED, COMMAND_FAILED, ABORTED }

    /**
     * Docker's rules for a step's container: removed after success ({@code rm}, the default); a failed
     * command's is kept to look into unless {@code forcerm}; one whose build broke off for any other reason
     * (cancelled, an engine error) is always removed, since nobody will ever look at it.
     */
    private void removeStepContainer(String id, StepEnd end) {
        boolean remove = switch (end) {
            case SUCCEEDED -> request.removeIntermediate();
            case COMMAND_FAILED -> request.forceRemove();
            case ABORTED -> true;
        };
        if (!remove) {
            return;
        }
        if (end != StepEnd.ABORTED) {
            out.stream("Removing intermediate container " + id.substring(0, 12) + "\n");
        }
        containers.remove(id, true, true);
    }

    /** Runs a created step container with its output streamed to the build's; returns the exit code. */
    private int runAttached(String id) {
        // with the log too: it is empty before the start, and a tail taken late would skip early output
        Attachment attachment = containers.attach(id, new AttachOptions(false, true, true, true, true));
        CompletableFuture<Integer> exit = containers.wait(id, WaitCondition.NEXT_EXIT);
        try (attachment) {
            running = id;
            checkCancelled(); // a cancel before `running` was set found nothing to kill
            containers.start(id);
            Map<StreamType, Utf8Stream> decoders = new EnumMap<>(StreamType.class);
            LogSource output = attachment.output();
            for (Optional<LogEntry> e = output.next(); e.isPresent(); e = output.next()) {
                String text = decoders.computeIfAbsent(e.get().stream(), s -> new Utf8Stream()).decode(e.get().data());
                if (!text.isEmpty()) {
                    // Docker's classic builder shows a step's stderr in red
                    out.stream(e.get().stream() == StreamType.STDERR ? "\u001b[91m" + text + "\u001b[0m" : text);
                }
            }
            decoders.values().forEach(d -> {
                String rest = d.flush();
                if (!rest.isEmpty()) {
                    out.stream(rest);
                }
            });
            return exit.get();
        } catch (IOException e) {
            throw BerthException.internal("cannot read the output of step container " + id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            containers.kill(id, Optional.empty());
            throw BerthException.internal("the build was interrupted", e);
        } catch (ExecutionException e) {
            throw BerthException.internal("lost the exit of step container " + id + ": " + e.getCause(), e.getCause());
        } finally {
            running = null;
        }
    }

    private static ContainerSpec spec(Digest image, List<String> cmd, List<String> env, StepConfig config,
                                      String network, boolean attach) {
        return spec(image, cmd, env, config, network, attach, List.of());
    }

    /** A step container: the step's command, no entrypoint, no health check, not a TTY, no labels. */
    private static ContainerSpec spec(Digest image, List<String> cmd, List<String> env, StepConfig config,
                                      String network, boolean attach, List<String> extraHosts) {
        HostConfig host = extraHosts.isEmpty() ? HostConfig.DEFAULT : new HostConfig(HostConfig.Resources.NONE,
                List.of(), List.of(), Map.of(), List.of(), List.of(), false, List.of(), false, List.of(), List.of(),
                false, "", "", "", extraHosts, List.of(), List.of(), List.of(), Map.of(), 0,
                HostConfig.RestartPolicy.NO);
        return new ContainerSpec(Optional.empty(), image.toString(), Optional.of(cmd), Optional.of(List.of()), env,
                Optional.of(config.workingDir).filter(w -> !w.isEmpty()),
                Optional.of(config.user).filter(u -> !u.isEmpty()),
                Map.of(), Optional.empty(), Optional.empty(), false, attach, attach, false, false, false, List.of(),
                Optional.empty(), Optional.empty(), network, false, host,
                Optional.of(new HealthConfig(List.of("NONE"), 0, 0, 0, 0)), List.of(), Optional.empty(), List.of(),
                List.of(), Map.of());
    }

    // ---- the cache ----

    private CacheKey key(StageState state, String createdBy, String content) {
        return new CacheKey(state.imageId.map(Digest::toString).orElse(""), createdBy,
                state.config.canonical() + "author=" + state.maintainer + "\n", content);
    }

    /** Looks the step up (unless nocache); on a hit moves the stage onto the cached image and says so. */
    private boolean probe(StageState state, CacheKey key, String createdBy) {
        if (request.noCache()) {
            return false;
        }
        Optional<CacheEntry> entry = cache.lookup(key);
        Optional<Digest> hit = Optional.empty();
        if (entry.isPresent()) {
            pin(entry.get().imageId()); // before looking: a prune meanwhile must not take it from under us
            hit = existing(entry.get().imageId());
            if (hit.isPresent()) {
                cache.touch(entry.get().id(), Instant.now());
            } else {
                cache.forget(entry.get().id());
            }
        }
        if (hit.isEmpty()) {
            hit = cacheFrom.probe(state.imageId, createdBy, state.config.toImageConfig(), state.maintainer);
        }
        if (hit.isEmpty()) {
            return false;
        }
        out.stream(" ---> Using cache\n");
        pin(hit.get());
        state.imageId = hit;
        return true;
    }

    private Optional<Digest> existing(String imageId) {
        try {
            return Optional.of(images.inspect(imageId).id());
        } catch (BerthException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void made(StageState state, CacheKey key, Image made, String description) {
        pin(made.id());
        cache.record(key, made.id().toString(), description, Instant.now());
        state.imageId = Optional.of(made.id());
    }

    private void pin(Digest id) {
        pin(id.toString());
    }

    private void pin(String id) {
        if (pinned.add(id)) {
            cache.pin(id);
        }
    }

    static String shortId(Digest id) {
        return id.hex().substring(0, 12);
    }

    /** Writes nothing but the end of a tar: Docker's empty layer. */
    static void emptyLayer(OutputStream o) throws IOException {
        o.write(EMPTY_LAYER);
    }
}
