package berth.compose.project;

import berth.compose.model.ConfigHash;
import berth.compose.model.DependsOn;
import berth.compose.model.Project;
import berth.compose.model.Service;
import berth.client.DaemonErrorException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A loaded project and the operations on it, through the Engine API: {@link #up}, {@link #down}, the
 * container verbs, and one-off containers for {@code run}. Containers are found by the project and
 * service labels, never by name, so a project brought up by Docker Compose v2 is handled alike.
 *
 * <p>Work on services runs in dependency order and in parallel where the order allows ({@link
 * DependencyRunner}); everything said to the user goes to the {@link Progress}.
 */
public final class ComposeProject {
    private final ProjectEngine engine;
    private final Project project;
    private final Progress progress;
    private final Resources resources;
    private final Images images;
    private final Conditions conditions;

    public ComposeProject(ProjectEngine engine, Project project, ImageBuilder builder, Progress progress) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
        this.resources = new Resources(engine, project, progress);
        this.images = new Images(engine, project, builder, progress);
        this.conditions = new Conditions(engine);
    }

    public Project model() {
        return project;
    }

    public ProjectEngine engine() {
        return engine;
    }

    /** The named services (all active ones when none is named); an unknown name is an error. */
    public List<Service> services(Collection<String> names) {
        if (names.isEmpty()) {
            return List.copyOf(project.services().values());
        }
        List<Service> out = new ArrayList<>();
        for (String n : names) {
            Service s = project.services().get(n);
            if (s == null) {
                throw new ProjectException("no such service: " + n);
            }
            out.add(s);
        }
        return out;
    }

    /** The named services and, transitively, what they depend on, in file order. */
    public List<Service> withDependencies(Collection<String> names) {
        if (names.isEmpty()) {
            return services(names);
        }
        Set<String> wanted = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(names);
        while (!todo.isEmpty()) {
            String n = todo.removeLast();
            if (wanted.add(n)) {
                Service s = project.services().get(n);
                if (s == null) {
                    throw new ProjectException("no such service: " + n);
                }
                s.dependsOn().forEach((d, cond) -> {
                    if (cond.required() || project.services().containsKey(d)) {
                        todo.add(d);
                    }
                });
            }
        }
        return project.services().values().stream().filter(s -> wanted.contains(s.name())).toList();
    }

    /** The project's service containers (not one-offs unless asked), by service then number. */
    public List<ProjectContainer> containers(boolean all, boolean includeOneOffs) {
        return engine.containers(project.name(), all, includeOneOffs ? Optional.empty() : Optional.of(false));
    }

    /** Containers whose service is no longer in the file (neither active nor disabled by a profile). */
    public List<ProjectContainer> orphans(List<ProjectContainer> containers) {
        return containers.stream().filter(c -> !c.oneOff() && !project.services().containsKey(c.service())
                && !project.disabledServices().containsKey(c.service())).toList();
    }

    private static Map<String, Set<String>> graph(Collection<Service> services) {
        Map<String, Set<String>> g = new LinkedHashMap<>();
        services.forEach(s -> g.put(s.name(), new LinkedHashSet<>(s.dependsOn().keySet())));
        return g;
    }

    // ---- up

    /** Creates, recreates, scales and starts the services; see {@link ConvergencePlan} for what is recreated. */
    public void up(UpOptions options) {
        List<Service> selected = options.noDeps() ? services(options.services()) : withDependencies(options.services());
        for (String s : options.scale().keySet()) {
            if (!project.services().containsKey(s)) {
                throw new ProjectException("no such service: " + s);
            }
        }
        for (Service s : selected) {
            if (s.containerName() != null && scale(s, options) > 1) {
                throw new ProjectException("services." + s.name() + ": can't set container_name and " + s.name()
                        + " as container name must be unique");
            }
        }
        List<ProjectContainer> existing = containers(true, false);
        List<ProjectContainer> orphans = orphans(existing);
        if (!orphans.isEmpty()) {
            if (options.removeOrphans()) {
                for (ProjectContainer o : orphans) {
                    stopAndRemove(o, options.timeout(), false);
                }
            } else {
                warnOrphans(orphans);
            }
        }
        // images first, as Compose v2 does: a missing image leaves no network or volume behind
        Map<String, String> imageIds = new ConcurrentHashMap<>();
        Map<String, String> byReference = new java.util.HashMap<>();
        for (Service s : selected) {
            // services sharing an image (and not built) need one look-up
            String ref = images.reference(s);
            String id = s.build() == null && byReference.containsKey(ref) ? byReference.get(ref) : images.ensure(s, options.build());
            byReference.put(ref, id);
            imageIds.put(s.name(), id);
        }
        resources.ensure(selected);
        Map<String, List<ProjectContainer>> byService = existing.stream()
                .collect(Collectors.groupingBy(ProjectContainer::service));
        Map<String, List<ProjectContainer>> current = new ConcurrentHashMap<>();
        Set<String> selectedNames = selected.stream().map(Service::name).collect(Collectors.toSet());
        DependencyRunner.run(graph(selected), DependencyRunner.Order.FORWARD, name -> {
            Service s = project.services().get(name);
            if (!options.noStart()) {
                awaitDependencies(s, selectedNames);
            }
            current.put(name, converge(s, byService.getOrDefault(name, List.of()), imageIds.get(name), options));
        });
        if (options.waitReady()) {
            for (Service s : selected) {
                for (ProjectContainer c : current.getOrDefault(s.name(), List.of())) {
                    try {
                        conditions.awaitRunningOrHealthy(c);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ProjectException("interrupted", e);
                    }
                    progress.event("Container", c.name(), hasHealthcheck(s) ? "Healthy" : "Running");
                }
            }
        }
    }

    /** Compose v2's warning about containers of the project whose service the file no longer has. */
    private void warnOrphans(List<ProjectContainer> orphans) {
        progress.warning("Found orphan containers (" + orphans.stream().map(ProjectContainer::name)
                .collect(Collectors.joining(", ")) + ") for this project. If you removed or renamed this service in your"
                + " compose file, you can run this command with the --remove-orphans flag to clean it up.");
    }

    private static boolean hasHealthcheck(Service s) {
        return s.healthcheck() != null && !s.healthcheck().disable();
    }

    private int scale(Service s, UpOptions options) {
        return options.scale().getOrDefault(s.name(), s.replicas());
    }

    private void awaitDependencies(Service s, Set<String> selected) throws InterruptedException {
        for (Map.Entry<String, DependsOn> d : s.dependsOn().entrySet()) {
            List<ProjectContainer> deps = containers(true, false).stream().filter(c -> c.service().equals(d.getKey())).toList();
            if (deps.isEmpty()) {
                if (d.getValue().required() && !selected.contains(d.getKey())) {
                    throw new ProjectException("service \"" + s.name() + "\" depends on \"" + d.getKey()
                            + "\", which has no container");
                }
                continue;
            }
            String condition = d.getValue().condition();
            if (!condition.equals(DependsOn.STARTED)) {
                deps.forEach(c -> progress.event("Container", c.name(), "Waiting"));
            }
            conditions.await(d.getKey(), deps, condition);
            if (condition.equals(DependsOn.HEALTHY)) {
                deps.forEach(c -> progress.event("Container", c.name(), "Healthy"));
            } else if (condition.equals(DependsOn.COMPLETED)) {
                deps.forEach(c -> progress.event("Container", c.name(), "Exited"));
            }
        }
    }

    /** Brings one service to its plan; the containers it has afterwards. */
    private List<ProjectContainer> converge(Service s, List<ProjectContainer> existing, String imageId, UpOptions options) {
        String hash = ConfigHash.of(s);
        List<ConvergencePlan.Action> plan = ConvergencePlan.plan(hash, imageId, scale(s, options), options.recreate(), existing);
        List<String> ids = new ArrayList<>();
        for (ConvergencePlan.Action a : plan) {
            switch (a) {
                case ConvergencePlan.Remove r -> stopAndRemove(r.container(), options.timeout(), false);
                case ConvergencePlan.Keep k -> {
                    if (!options.noStart() && !k.container().running()) {
                        start(k.container());
                    } else {
                        progress.event("Container", k.container().name(), "Running");
                    }
                    ids.add(k.container().id());
                }
                case ConvergencePlan.Create c -> ids.add(create(s, c.number(), hash, !options.noStart()));
                case ConvergencePlan.Recreate r -> ids.add(recreate(s, r.container(), hash, options));
            }
        }
        boolean onlyKept = plan.stream().allMatch(a -> a instanceof ConvergencePlan.Keep);
        if (onlyKept) {
            return plan.stream().map(a -> ((ConvergencePlan.Keep) a).container()).toList();
        }
        return containers(true, false).stream().filter(c -> ids.contains(c.id())).toList();
    }

    private String containerName(Service s, int number) {
        return s.containerName() != null ? s.containerName() : ContainerNames.service(project.name(), s.name(), number);
    }

    private ContainerSpec spec(Service s, String name, int number, String hash) {
        ContainerSpec spec = ContainerSpec.of(name, number, images.reference(s), hash);
        Optional<String> shared = networkModeContainer(s);
        return shared.isPresent() ? spec.withNetworkModeContainer(shared.get()) : spec;
    }

    /** For {@code network_mode: service:x}: a running container of x. */
    private Optional<String> networkModeContainer(Service s) {
        if (s.networkMode() == null || !s.networkMode().startsWith("service:")) {
            return Optional.empty();
        }
        String other = s.networkMode().substring("service:".length());
        return Optional.of(containers(false, false).stream().filter(c -> c.service().equals(other)).findFirst()
                .map(ProjectContainer::id).orElseThrow(() -> new ProjectException("service \"" + s.name()
                        + "\" uses the network stack of service \"" + other + "\", which has no running container")));
    }

    private String create(Service s, int number, String hash, boolean start) {
        String name = containerName(s, number);
        String id = createContainer(s, spec(s, name, number, hash), name);
        if (start) {
            startId(id, name);
        }
        return id;
    }

    /** Creates the container and joins its extra networks; does not start it. */
    private String createContainer(Service s, ContainerSpec spec, String createAs) {
        ObjectNode body = CreateRequests.body(project, s, spec);
        progress.event("Container", spec.name(), "Creating");
        String id = engine.create(createAs, body);
        CreateRequests.extraNetworks(project, s, spec).forEach((net, endpoint) -> engine.connect(net, id, endpoint));
        progress.event("Container", spec.name(), "Created");
        return id;
    }

    /** Compose v2's replacement: create under a temporary name, stop and remove the old one, take its name. */
    private String recreate(Service s, ProjectContainer old, String hash, UpOptions options) {
        String name = old.name();
        progress.event("Container", name, "Recreate");
        ContainerSpec spec = spec(s, name, old.number(), hash);
        String id = createContainer(s, spec, old.shortId() + "_" + name);
        try {
            engine.stop(old.id(), options.timeout());
            engine.remove(old.id(), true, false);
            engine.rename(id, name);
        } catch (RuntimeException e) {
            // leave no container under the temporary name behind; the old one (if still there) is retried next time
            try {
                engine.remove(id, true, false);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        progress.event("Container", name, "Recreated");
        if (!options.noStart()) {
            startId(id, name);
        }
        return id;
    }

    private void start(ProjectContainer c) {
        startId(c.id(), c.name());
    }

    private void startId(String id, String name) {
        progress.event("Container", name, "Starting");
        engine.start(id);
        progress.event("Container", name, "Started");
    }

    private void stopAndRemove(ProjectContainer c, Optional<Integer> timeout, boolean volumes) {
        if (c.running()) {
            progress.event("Container", c.name(), "Stopping");
            engine.stop(c.id(), timeout);
            progress.event("Container", c.name(), "Stopped");
        }
        progress.event("Container", c.name(), "Removing");
        try {
            engine.remove(c.id(), true, volumes);
        } catch (DaemonErrorException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        progress.event("Container", c.name(), "Removed");
    }

    // ---- down

    /** Stops and removes the project's containers (dependents first), then its networks, and with the options its volumes and images. */
    public void down(DownOptions options) {
        List<ProjectContainer> all = containers(true, true);
        List<ProjectContainer> orphans = orphans(all);
        if (!orphans.isEmpty() && !options.removeOrphans()) {
            warnOrphans(orphans);
        }
        List<ProjectContainer> doomed = all.stream().filter(c -> options.removeOrphans() || !orphans.contains(c)).toList();
        Map<String, List<ProjectContainer>> byService = doomed.stream().collect(Collectors.groupingBy(ProjectContainer::service));
        Map<String, Set<String>> g = new LinkedHashMap<>();
        byService.keySet().forEach(svc -> {
            Service s = project.service(svc);
            g.put(svc, s == null ? new LinkedHashSet<>() : new LinkedHashSet<>(s.dependsOn().keySet()));
        });
        DependencyRunner.run(g, DependencyRunner.Order.REVERSE, svc -> inParallel(byService.get(svc),
                c -> stopAndRemove(c, options.timeout(), options.volumes())));
        resources.removeNetworks();
        if (options.volumes()) {
            resources.removeVolumes();
        }
        options.rmi().ifPresent(rmi -> {
            Set<String> refs = new LinkedHashSet<>();
            for (Service s : project.services().values()) {
                if (rmi.equals("all") || s.image() == null) {
                    refs.add(images.reference(s));
                }
            }
            for (String ref : refs) {
                try {
                    engine.removeImage(ref);
                    progress.event("Image", ref, "Removed");
                } catch (DaemonErrorException e) {
                    if (e.status() != 404) {
                        progress.warning("image " + ref + ": " + e.daemonMessage());
                    }
                }
            }
        });
    }

    /** Runs {@code action} on every container at once (virtual threads); the first failure is rethrown after all ended. */
    private static void inParallel(List<ProjectContainer> containers, ContainerAction action) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (ProjectContainer c : containers) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    action.apply(c);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    // ---- verbs on existing containers

    /** The service containers of the named services (all when none), optionally only in some states. */
    public List<ProjectContainer> containersOf(Collection<String> names, boolean all) {
        services(names);
        return containers(all, false).stream().filter(c -> names.isEmpty() ? project.services().containsKey(c.service())
                : names.contains(c.service())).toList();
    }

    /** Starts the stopped containers of the services, dependencies first. */
    public void start(Collection<String> names) {
        List<Service> services = services(names);
        Set<String> selected = services.stream().map(Service::name).collect(Collectors.toSet());
        Map<String, List<ProjectContainer>> byService = containersOf(names, true).stream()
                .collect(Collectors.groupingBy(ProjectContainer::service));
        if (byService.isEmpty()) {
            throw new ProjectException("no containers to start");
        }
        DependencyRunner.run(graph(services), DependencyRunner.Order.FORWARD, svc -> {
            awaitDependencies(project.services().get(svc), selected);
            for (ProjectContainer c : byService.getOrDefault(svc, List.of())) {
                if (!c.running()) {
                    start(c);
                }
            }
        });
    }

    /** Stops the running containers of the services, dependents first. */
    public void stop(Collection<String> names, Optional<Integer> timeout) {
        eachReverse(names, false, c -> {
            progress.event("Container", c.name(), "Stopping");
            engine.stop(c.id(), timeout);
            progress.event("Container", c.name(), "Stopped");
        });
    }

    public void restart(Collection<String> names, Optional<Integer> timeout) {
        eachReverse(names, true, c -> {
            progress.event("Container", c.name(), "Restarting");
            engine.restart(c.id(), timeout);
            progress.event("Container", c.name(), "Started");
        });
    }

    public void kill(Collection<String> names, String signal) {
        eachReverse(names, false, c -> {
            progress.event("Container", c.name(), "Killing");
            engine.kill(c.id(), signal);
            progress.event("Container", c.name(), "Killed");
        });
    }

    public void pause(Collection<String> names) {
        eachReverse(names, false, c -> {
            engine.pause(c.id());
            progress.event("Container", c.name(), "Paused");
        });
    }

    public void unpause(Collection<String> names) {
        eachReverse(names, false, c -> {
            engine.unpause(c.id());
            progress.event("Container", c.name(), "Unpaused");
        });
    }

    /** {@code rm}: the stopped containers of the services (running ones too after {@code stop}). */
    public List<ProjectContainer> stopped(Collection<String> names) {
        return containersOf(names, true).stream().filter(c -> !c.running()).toList();
    }

    public void remove(List<ProjectContainer> containers, boolean volumes) {
        for (ProjectContainer c : containers) {
            stopAndRemove(c, Optional.empty(), volumes);
        }
    }

    @FunctionalInterface
    private interface ContainerAction {
        void apply(ProjectContainer c);
    }

    private void eachReverse(Collection<String> names, boolean all, ContainerAction action) {
        List<Service> services = services(names);
        Map<String, List<ProjectContainer>> byService = containersOf(names, all).stream()
                .collect(Collectors.groupingBy(ProjectContainer::service));
        DependencyRunner.run(graph(services), DependencyRunner.Order.REVERSE,
                svc -> inParallel(byService.getOrDefault(svc, List.of()), action));
    }

    // ---- images

    public void build(Collection<String> names) {
        for (Service s : services(names)) {
            images.build(s);
        }
    }

    public void pull(Collection<String> names, boolean ignoreFailures) {
        for (Service s : services(names)) {
            try {
                images.pull(s);
            } catch (RuntimeException e) {
                if (!ignoreFailures) {
                    throw e;
                }
                progress.warning(s.name() + ": " + e.getMessage());
            }
        }
    }

    // ---- one-off containers (run)

    /**
     * Creates (not starts) a one-off container of {@code service}: dependencies are brought up first
     * unless {@code noDeps}; the service's ports are published only when asked.
     */
    public String createOneOff(Service s, ContainerSpec overrides, boolean noDeps, boolean build) {
        if (!noDeps && !s.dependsOn().isEmpty()) {
            List<String> deps = new ArrayList<>(s.dependsOn().keySet());
            up(new UpOptions(deps, ConvergencePlan.RecreatePolicy.DIVERGED, Map.of(), false, build, false, false, false,
                    Optional.empty()));
            try {
                awaitDependencies(s, Set.copyOf(deps));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProjectException("interrupted", e);
            }
        }
        images.ensure(s, build);
        resources.ensure(List.of(s));
        ContainerSpec spec = new ContainerSpec(overrides.name(), 1, true, images.reference(s), ConfigHash.of(s),
                overrides.command(), overrides.extraEnv(), overrides.user(), overrides.workingDir(), overrides.tty(),
                overrides.stdinOpen(), overrides.serviceAliases(), overrides.publishPorts(), Optional.empty(),
                overrides.extraLabels());
        Optional<String> shared = networkModeContainer(s);
        if (shared.isPresent()) {
            spec = spec.withNetworkModeContainer(shared.get());
        }
        return createContainer(s, spec, spec.name());
    }
}
