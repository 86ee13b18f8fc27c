package berth.container.local;

import berth.container.AttachOptions;
import berth.container.Attachment;
import berth.container.Container;
import berth.container.ContainerConfig;
import berth.container.ContainerFilter;
import berth.container.ContainerService;
import berth.container.ContainerSpec;
import berth.container.ContainerState;
import berth.container.ContainerStatus;
import berth.container.CreateResult;
import berth.container.ExecInfo;
import berth.container.ExecSpec;
import berth.container.TopResult;
import berth.container.WaitCondition;
import berth.content.Digest;
import berth.container.Health;
import berth.container.HostConfig;
import berth.errors.BerthException;
import berth.events.EventSink;
import berth.errors.ErrorKind;
import berth.image.Image;
import berth.image.ImageService;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.runtime.ContainerRuntime;
import berth.runtime.ExitStatus;
import berth.runtime.RuntimeSpec;
import berth.runtime.Signals;
import berth.runtime.StartedProcess;
import berth.store.FileTrees;
import berth.sys.Mounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The engine's {@link ContainerService}: containers kept in memory, each owned by a
 * {@link ContainerEntry}, persisted by {@link ContainerStore} before every acknowledgement, run by a
 * {@link ContainerRuntime} on an overlay rootfs made of the image's layers and the container's own
 * upper directory.
 *
 * <p>Exit handling runs on a virtual thread: state and exit code are persisted, waiters for the exit
 * are answered, an auto-remove container is removed, and the slow clean-up (runtime delete, unmount,
 * deleting files) happens last, off the path a waiting client sees.
 */
public final class LocalContainerService implements ContainerService {
    private static final System.Logger LOG = System.getLogger(LocalContainerService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DEFAULT_STOP_TIMEOUT = 10;
    private static final int SIGKILL = 9;

    private final ImageService images;
    private final ContainerRuntime runtime;
    private final ContainerStore store;
    private final ResourceRules resourceRules = new ResourceRules(CgroupSupport.read(Path.of("/sys/fs/cgroup")));
    private final Map<String, ContainerEntry> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByName = new ConcurrentHashMap<>();
    /**
     * The terminal size a TTY container was created with (HostConfig.ConsoleSize), for its starts.
     * Kept in memory only: after a daemon restart a container starts at the runtime's default size
     * and takes the client's size from its first resize.
     */
    private final Map<String, berth.container.ConsoleSize> consoleSizes = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ContainerEvents events;
    private final HealthChecks health;
    private final ContainerExecs execs;
    private final ContainerVolumes volumes;
    /** null: no networking (test set-ups); containers then get an empty namespace. */
    private final berth.network.NetworkService networks;
    private final ContainerLogs logs;

    /**
     * With volumes (the volume service learns from this one which containers use a volume), networks (containers
     * join the default bridge or the networks they name; null: none) and the daemon's log drivers.
     */
    public LocalContainerService(Path dataRoot, Path execRoot, ImageService images, ContainerRuntime runtime,
            EventSink events, berth.volume.local.LocalVolumeService volumeService,
            berth.network.NetworkService networks, berth.logs.driver.LogDrivers logDrivers) {
        this.networks = networks;
        this.volumes = new ContainerVolumes(volumeService);
        if (volumeService != null) {
            volumeService.usage(this.volumes::users);
        }
        this.images = images;
        this.runtime = runtime;
        this.store = new ContainerStore(dataRoot, execRoot);
        this.events = new ContainerEvents(events);
        this.health = new HealthChecks(runtime, this.events, this::update);
        this.execs = new ContainerExecs(runtime, this.events, byId::get);
        this.logs = new ContainerLogs(runtime, logDrivers, store);
        this.logs.keepOpenWhile(id -> {
            ContainerEntry e = byId.get(id);
            return e != null && (e.container.state().running()
                    || e.container.state().status() == ContainerStatus.RESTARTING);
        });
    }

    /**
     * Loads every container from disk and reconciles it with the runtime: a container that was running
     * when the daemon stopped is either still running (its exit is watched again) or has exited
     * meanwhile (its exit code is recorded now). Removals interrupted by a crash are finished.
     */
    public void recover() throws IOException {
        FileTrees.deleteRecursively(store.trash());
        List<Container> all = store.loadAll();
        for (String orphan : store.orphans(all.stream().map(Container::id).collect(java.util.stream.Collectors.toSet()))) {
            removeOrphan(orphan);
        }
        for (Container c : all) {
            ContainerEntry e = new ContainerEntry(c);
            e.policyRestarts = c.restartCount(); // on-failure's maximum counts restarts made before the daemon died
            volumes.load(c.id(), store.files(c.id()));
            byId.put(c.id(), e);
            idByName.put(c.name(), c.id());
            if (c.state().status() == ContainerStatus.RESTARTING) {
                // The daemon died during a restart back-off: the old run is over, the policy still holds.
                e.mounted = true;
                releaseRun(e);
                scheduleRestart(e, RestartRule.FIRST_DELAY);
                continue;
            }
            if (!c.state().running()) {
                adoptIfTheRuntimeHasIt(e);
                if (!e.container.state().running()) {
                    // A daemon killed between mounting and starting leaves the rootfs mounted.
                    e.mounted = true;
                    unmount(e);
                    unmountShm(store.files(c.id()));
                }
                Container now = e.container;
                if (!now.state().running() && now.state().startedAt().isPresent()
                        && RestartRule.startsWithDaemon(now.hostConfig().restartPolicy(), now.state().exitCode(),
                                now.manuallyStopped(), now.restartCount())) {
                    background.execute(() -> startQuietly(e));
                }
                continue;
            }
            switch (runtime.state(c.id())) {
                case ContainerRuntime.RuntimeState.Running r -> {
                    e.mounted = true;
                    e.started.complete(null);
                    logs.shipRun(e.container);
                    watchExit(e);
                    health.start(e);
                }
                // Exits that happened while no daemon ran are recorded before the API serves anyone.
                case ContainerRuntime.RuntimeState.Exited x -> {
                    e.mounted = true;
                    handleExit(e, x.status());
                }
                case ContainerRuntime.RuntimeState.Unknown u -> {
                    e.mounted = true;
                    handleExit(e, new ExitStatus(255, Instant.now(), false));
                }
                case ContainerRuntime.RuntimeState.Created cr -> {
                    e.mounted = true;
                    deleteNeverStarted(c.id());
                    handleExit(e, new ExitStatus(255, Instant.now(), false));
                }
            }
        }
        for (ContainerEntry e : byId.values()) {
            Container c = e.container;
            if (!c.state().running() && c.state().status() != ContainerStatus.RESTARTING) {
                logs.drainStopped(c); // output the daemon did not ship before it went away
            }
        }
        if (networks != null) {
            Map<String, Integer> running = new java.util.HashMap<>();
            byId.values().forEach(x -> {
                if (x.container.state().running() && x.container.state().pid() > 0) {
                    running.put(x.id(), x.container.state().pid());
                }
            });
            networks.reconcile(running);
        }
    }

    /** A runtime container whose start never came (the daemon died in between): its waiting processes go. */
    private void deleteNeverStarted(String id) {
        LOG.log(System.Logger.Level.INFO, "deleting container " + id + " from the runtime: created, never started");
        try {
            runtime.delete(id);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete never-started container " + id + ": " + ex.getMessage());
        }
    }

    /** Whatever a dead daemon left of a container that does not exist: runtime state, mount, files. */
    private void removeOrphan(String id) {
        LOG.log(System.Logger.Level.INFO, "removing the remains of container " + id + " (the daemon died mid-way)");
        try {
            runtime.delete(id);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.DEBUG, "runtime delete of orphan " + id + ": " + ex.getMessage());
        }
        ContainerFiles files = store.files(id);
        unmountShm(files);
        try {
            Mounts.unmount(files.rootfs(), true);
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.DEBUG, "unmount of orphan " + id + ": " + ex.getMessage());
        }
        deleteQuietly(files.runDir());
        deleteQuietly(files.dir());
    }

    /**
     * A container on disk as not running may still have a process or an unrecorded exit: the daemon
     * died between starting it and writing that down, or between its exit and its clean-up. The
     * runtime knows; what it says wins.
     */
    private void adoptIfTheRuntimeHasIt(ContainerEntry e) throws IOException {
        Container c = e.container;
        switch (runtime.state(c.id())) {
            case ContainerRuntime.RuntimeState.Running r -> {
                e.mounted = true;
                update(e, c.withState(new ContainerState(ContainerStatus.RUNNING, r.pid(), 0, "", false,
                        Optional.of(c.state().startedAt().orElse(Instant.now())), c.state().finishedAt(),
                        HealthChecks.initialHealth(c))));
                e.started.complete(null);
                logs.shipRun(e.container);
                watchExit(e);
                health.start(e);
            }
            case ContainerRuntime.RuntimeState.Exited x -> {
                e.mounted = true;
                handleExit(e, x.status());
            }
            case ContainerRuntime.RuntimeState.Unknown u -> {
                // never started, or already cleaned up: the record on disk is the truth
            }
            case ContainerRuntime.RuntimeState.Created cr -> deleteNeverStarted(c.id());
        }
    }

    @Override
    public ImageService.ImageUsage imageUsage() {
        return imageId -> byId.values().stream()
                .map(e -> e.container)
                .filter(c -> c.imageId().equals(imageId))
                .map(c -> new ImageService.ImageUsage.User(c.id(), c.state().running()))
                .toList();
    }

    @Override
    public java.util.OptionalLong writableLayerSize(String ref) {
        ContainerEntry e = resolve(ref);
        try {
            return java.util.OptionalLong.of(berth.store.DirectorySize.of(store.files(e.id()).upper()));
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot measure the writable layer of " + e.id() + ": " + ex.getMessage());
            return java.util.OptionalLong.empty();
        }
    }

    @Override
    public List<berth.container.VolumeMount> volumeMounts(String ref) {
        return volumes.of(resolve(ref).id());
    }

    public int count(Predicate<Container> which) {
        return (int) byId.values().stream().map(e -> e.container).filter(which).count();
    }

    @Override
    public CreateResult create(ContainerSpec spec) {
        if (!spec.unsupported().isEmpty()) {
            throw BerthException.notImplemented("berth does not support " + String.join(", ", spec.unsupported())
                    + " yet");
        }
        String mode = spec.networkMode().isEmpty() ? "default" : spec.networkMode();
        Optional<Container> netTarget = ContainerNetworkMode.target(mode, ref -> resolve(ref).container);
        if (netTarget.isPresent()) {
            mode = "container:" + netTarget.get().id(); // Docker stores the target by its ID
        }
        if (networks == null && !List.of("default", "bridge", "none", "host").contains(mode)) {
            throw BerthException.notImplemented("network mode \"" + mode
                    + "\" is not supported yet (berth has: none, host)");
        }
        Map<String, berth.network.EndpointConfig> joins = ContainerNetworks.plan(networks, mode, spec.endpoints(),
                spec.hostConfig().links(), this::containerNameOf, true);
        RestartRule.validate(spec.hostConfig().restartPolicy(), spec.autoRemove());
        ContainerVolumes.Plan volumePlan = ContainerVolumes.plan(ContainerVolumes.withBindsFrom(spec.hostConfig(),
                spec.volumesFrom(), ref -> resolve(ref).container.hostConfig()), spec.volumes());
        HostConfig hostConfig = volumePlan.hostConfig();
        HostConfigRules.validate(hostConfig, mode, spec.hostname());
        ContainerNetworkMode.validate(mode, hostConfig, spec.hostname(), spec.exposedPorts());
        hostConfig = hostConfig.withLogConfig(logs.resolve(hostConfig.logConfig()));
        ResourceRules.Checked limits = resourceRules.forCreate(hostConfig.resources());
        Optional<String> requestedName = spec.name().filter(n -> !n.isEmpty()).map(ContainerNames::validate);
        Image image = images.inspect(spec.image());
        String id = HexFormat.of().formatHex(randomBytes());
        String name = reserveName(requestedName, id);
        try {
            ContainerConfig config = ContainerNetworkMode.withHostnameOf(netTarget, ConfigMerge.merge(spec, image, id));
            List<String> argv = ConfigMerge.argv(config);
            ContainerFiles files = store.files(id);
            Container c = new Container(id, name, Instant.now(), argv.getFirst(), argv.subList(1, argv.size()),
                    ContainerState.created(), image.id(), spec.image(), config, mode, spec.autoRemove(),
                    files.driverLog(id, hostConfig.logConfig()), files.resolvConf(), files.hostname(), files.hosts(), 0,
                    "overlay2", runtime.name(),
                    hostConfig.withResources(limits.resources()));
            Files.createDirectories(files.upper());
            Files.createDirectories(files.work());
            // The spool exists from the start, so an attach made before start can follow it.
            Files.createDirectories(files.spool().getParent());
            Files.createFile(files.spool());
            EtcFiles.write(files, config.hostname(), mode.equals("host"), spec.hostConfig());
            volumes.save(files, volumes.create(id, volumePlan, spec.volumes(), image.config().volumes(),
                    spec.volumesFrom(), ContainerVolumes.otherTargets(hostConfig),
                    ref -> volumes.of(resolve(ref).id())));
            ContainerNetworks.join(networks, id, name, joins);
            store.save(c);
            if (spec.tty()) {
                spec.consoleSize().ifPresent(size -> consoleSizes.put(id, size));
            }
            byId.put(id, new ContainerEntry(c));
            events.publish(c, "create");
            return new CreateResult(id, limits.warnings());
        } catch (IOException e) {
            idByName.remove(name, id);
            volumes.forget(id, true);
            ContainerNetworks.forget(networks, id);
            deleteQuietly(store.files(id).dir());
            throw BerthException.internal("cannot create container: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            idByName.remove(name, id);
            volumes.forget(id, true);
            ContainerNetworks.forget(networks, id);
            deleteQuietly(store.files(id).dir());
            throw e;
        }
    }

    private String reserveName(Optional<String> requested, String id) {
        if (requested.isPresent()) {
            String name = requested.get();
            String holder = idByName.putIfAbsent(name, id);
            if (holder != null) {
                throw BerthException.conflict("Conflict. The container name \"/" + name
                        + "\" is already in use by container \"" + holder
                        + "\". You have to remove (or rename) that container to be able to reuse that name.");
            }
            return name;
        }
        for (int attempt = 0; ; attempt++) {
            String name = ContainerNames.generate(attempt);
            if (idByName.putIfAbsent(name, id) == null) {
                return name;
            }
        }
    }

    @Override
    public boolean start(String ref) {
        return startEntry(resolve(ref), true);
    }

    /**
     * Starts a run. A start by the user clears the manual stop and the restart policy's count; a start
     * by the policy only proceeds while the container is still waiting in RESTARTING.
     */
    private boolean startEntry(ContainerEntry e, boolean byUser) {
        e.cleanup.join();
        e.lock.lock();
        try {
            checkNotRemoving(e);
            Container c = e.container;
            if (byUser ? c.state().running() : c.state().status() != ContainerStatus.RESTARTING) {
                return false;
            }
            if (byUser) {
                c = resetRestartPolicy(e);
            }
            ContainerFiles files = store.files(c.id());
            Map<String, Path> joins = new java.util.HashMap<>();
            Optional<Container> netDonor; // --network container:x
            try {
                joins.putAll(NamespaceJoins.resolve(c.hostConfig(), ref -> resolve(ref).container));
                netDonor = ContainerNetworkMode.donor(c.id(), c.networkMode(), ref -> resolve(ref).container);
                netDonor.ifPresent(d -> joins.put("network", Path.of("/proc", Integer.toString(d.state().pid()), "ns", "net")));
                HostConfigRules.createBindSources(c.hostConfig());
            } catch (BerthException ex) {
                recordStartFailure(e, ex); // an attached `docker run --rm` waits for the removal this brings
                throw ex;
            }
            mountRootfs(e, files);
            HostConfig runHostConfig;
            try {
                runHostConfig = volumes.forRun(c.id(), c.hostConfig(), files.rootfs());
            } catch (BerthException ex) {
                recordStartFailure(e, ex); // a volume removed with -f meanwhile, a device that will not mount
                throw ex;
            }
            Optional<Path> shm = sharedShm(c, files);
            boolean hostNet = c.networkMode().equals("host");
            ContainerConfig k = c.config();
            List<String> env = new ArrayList<>(k.env());
            if (ConfigMerge.envValue(env, "HOSTNAME").isEmpty()) {
                env.add("HOSTNAME=" + k.hostname());
            }
            if (k.tty() && ConfigMerge.envValue(env, "TERM").isEmpty()) {
                env.add("TERM=xterm"); // Docker's default for a container with a TTY
            }
            Files.createDirectories(files.bundle());
            Files.createDirectories(files.spool().getParent()); // a container made before the spool had its directory
            // joining another's network: its name and network files, as Docker's initializeNetworking does
            RuntimeSpec spec = new RuntimeSpec(c.id(), files.bundle(), files.rootfs(), ConfigMerge.argv(k), env,
                    k.workingDir().isEmpty() ? "/" : k.workingDir(), k.user(),
                    netDonor.map(d -> d.config().hostname()).orElse(k.hostname()), hostNet,
                    Map.of("/etc/hostname", netDonor.map(Container::hostnamePath).orElse(files.hostname()),
                            "/etc/hosts", netDonor.map(Container::hostsPath).orElse(files.hosts()),
                            "/etc/resolv.conf", netDonor.map(Container::resolvConfPath).orElse(files.resolvConf())),
                    files.spool(), k.openStdin(), k.tty(), Optional.empty(), runHostConfig, joins,
                    Optional.ofNullable(consoleSizes.get(c.id())), shm);
            if (networks != null && !hostNet && netDonor.isEmpty() && networks.memberships(c.id()).isEmpty()) {
                try {
                    // created while its network did not exist (or before berth had networks): join now
                    ContainerNetworks.join(networks, c.id(), c.name(), ContainerNetworks.plan(networks,
                            c.networkMode(), Map.of(), c.hostConfig().links(), this::containerNameOf, false));
                } catch (BerthException ex) {
                    recordStartFailure(e, ex);
                    throw ex;
                }
            }
            try {
                logs.prepare(c);
            } catch (BerthException ex) {
                recordStartFailure(e, ex); // Docker: "failed to initialize logging driver: ..."
                throw ex;
            }
            StartedProcess p;
            Container starting = c;
            try {
                p = networks == null || hostNet || netDonor.isPresent() ? runtime.start(spec)
                        : runtime.start(spec, pid -> plugIn(starting, files, pid));
            } catch (BerthException ex) {
                logs.startFailed(c.id());
                recordStartFailure(e, ex);
                throw ex;
            }
            ContainerState running = new ContainerState(ContainerStatus.RUNNING, p.pid(), 0, "", false,
                    Optional.of(p.startedAt()), c.state().finishedAt(), HealthChecks.initialHealth(c));
            update(e, c.withState(running));
            logs.shipRun(e.container);
            e.started.complete(null);
            watchExit(e);
            health.start(e);
            events.publish(e.container, "start");
            return true;
        } catch (IOException ex) {
            throw BerthException.internal("cannot start container " + e.id() + ": " + ex.getMessage(), ex);
        } finally {
            e.lock.unlock();
        }
    }

    /**
     * A start by the user (or the daemon's start-up) begins afresh, as Docker's: no manual stop, and
     * RestartCount with on-failure's count back at zero. Caller holds the lock.
     */
    private Container resetRestartPolicy(ContainerEntry e) throws IOException {
        e.policyRestarts = 0;
        Container c = e.container;
        if (c.manuallyStopped() || c.restartCount() != 0) {
            update(e, c.withManuallyStopped(false).withRestartCount(0));
        }
        return e.container;
    }

    /** Between the runtime's create and start: addresses, interfaces, DNS, ports; then /etc/hosts. */
    private void plugIn(Container c, ContainerFiles files, int pid) {
        List<berth.network.Endpoint> eps = networks.plug(c.id(), c.name(), pid, ContainerNetworks.portsToPublish(c),
                c.hostConfig().dns());
        try {
            EtcFiles.writeNetworked(files, c.config().hostname(), ContainerNetworks.primaryIp(eps),
                    ContainerNetworks.legacyLinkLines(networks, eps, c.hostConfig().links(), this::containerIdOf),
                    eps.stream().anyMatch(ep -> !ep.ipAddress().isEmpty() && !ep.networkName().equals("bridge")),
                    c.hostConfig());
        } catch (IOException ex) {
            networks.unplug(c.id());
            throw BerthException.internal("cannot write the network files of " + c.id() + ": " + ex.getMessage(), ex);
        }
    }

    private java.util.Optional<String> containerNameOf(String ref) {
        try {
            return java.util.Optional.of(resolve(ref).container.name());
        } catch (BerthException e) {
            return java.util.Optional.empty();
        }
    }

    private java.util.Optional<String> containerIdOf(String ref) {
        try {
            return java.util.Optional.of(resolve(ref).id());
        } catch (BerthException e) {
            return java.util.Optional.empty();
        }
    }

    /** Docker's rule: a start that fails to exec leaves the container created, with 127 (not found) or 126. */
    private void recordStartFailure(ContainerEntry e, BerthException ex) {
        String msg = ex.getMessage() == null ? "" : ex.getMessage();
        int code = msg.contains("not found") || msg.contains("no such file") ? 127
                : msg.contains("permission denied") || msg.contains("not executable") ? 126 : 128;
        Container c = e.container;
        ContainerState failed = new ContainerState(c.state().status(), 0, code, msg, false,
                c.state().startedAt(), c.state().finishedAt());
        try {
            update(e, c.withState(failed));
        } catch (IOException io) {
            LOG.log(System.Logger.Level.WARNING, "cannot record start failure of " + c.id(), io);
        }
        background.execute(() -> runtime.delete(c.id()));
        if (c.autoRemove()) {
            background.execute(() -> removeNow(e, true));
        }
    }

    private void mountRootfs(ContainerEntry e, ContainerFiles files) throws IOException {
        if (e.mounted) {
            return;
        }
        List<Path> lowers = images.layerPaths(e.container.imageId());
        Files.createDirectories(files.rootfs());
        Mounts.mountOverlay(lowers, files.upper(), files.work(), files.rootfs());
        e.mounted = true;
    }

    private void watchExit(ContainerEntry e) {
        runtime.exitFuture(e.id()).whenCompleteAsync((status, err) -> {
            if (err != null) {
                LOG.log(System.Logger.Level.ERROR, "lost the exit of container " + e.id(), err);
                status = new ExitStatus(255, Instant.now(), false);
            }
            handleExit(e, status);
        }, background);
    }

    private void handleExit(ContainerEntry e, ExitStatus status) {
        logs.runEnded(e.id()); // the last lines reach the driver before anyone learns of the exit
        CompletableFuture<Integer> exited;
        boolean autoRemove;
        Duration restartDelay = null;
        e.lock.lock();
        try {
            HealthChecks.stop(e);
            Container c = e.container;
            boolean restart = !e.removing && !c.autoRemove() && RestartRule.shouldRestart(
                    c.hostConfig().restartPolicy(), status.exitCode(), c.manuallyStopped(), e.policyRestarts);
            if (restart) {
                Duration ranFor = Duration.between(c.state().startedAt().orElse(status.finishedAt()), status.finishedAt());
                restartDelay = RestartRule.nextDelay(e.lastRestartDelay, ranFor);
                e.lastRestartDelay = restartDelay;
            }
            ContainerState st = new ContainerState(restart ? ContainerStatus.RESTARTING : ContainerStatus.EXITED, 0,
                    status.exitCode(), "", status.oomKilled(), c.state().startedAt(), Optional.of(status.finishedAt()),
                    c.state().health().map(h -> new Health(Health.UNHEALTHY, h.failingStreak(), h.log())));
            if (status.oomKilled()) {
                events.publish(c, "oom");
            }
            events.publish(c, "die", Map.of("exitCode", Integer.toString(status.exitCode())));
            try {
                if (!e.removing) {
                    update(e, c.withState(st));
                }
            } catch (IOException io) {
                LOG.log(System.Logger.Level.ERROR, "cannot persist the exit of " + c.id(), io);
                e.container = c.withState(st);
            }
            exited = e.nextExit;
            e.nextExit = new CompletableFuture<>();
            if (!restart) {
                endedForGood(e, status.exitCode());
            }
            e.started = new CompletableFuture<>();
            autoRemove = c.autoRemove();
            CompletableFuture<Void> cleanup = new CompletableFuture<>();
            e.cleanup = cleanup;
            background.execute(() -> {
                try {
                    releaseRun(e);
                } finally {
                    cleanup.complete(null);
                }
            });
        } finally {
            e.lock.unlock();
        }
        exited.complete(status.exitCode());
        if (autoRemove) {
            removeNow(e, true);
        } else if (restartDelay != null) {
            scheduleRestart(e, restartDelay);
        }
    }

    /** Starts the container again after {@code delay}, unless a stop, kill or remove came first. */
    private void scheduleRestart(ContainerEntry e, Duration delay) {
        e.pendingRestart = Thread.ofVirtual().name("restart-" + e.container.shortId()).start(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException ex) {
                return;
            }
            e.policyRestarts++;
            e.lock.lock();
            try {
                if (e.removing || e.container.state().status() != ContainerStatus.RESTARTING) {
                    return;
                }
                update(e, e.container.withRestartCount(e.container.restartCount() + 1));
            } catch (IOException ex) {
                LOG.log(System.Logger.Level.WARNING, "cannot record the restart of " + e.id(), ex);
            } finally {
                e.lock.unlock();
            }
            startForPolicy(e);
        });
    }

    /** A start by the restart policy; a failure is logged and leaves the container exited. */
    private void startForPolicy(ContainerEntry e) {
        try {
            startEntry(e, false);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "restart of " + e.id() + " failed: " + ex.getMessage());
            e.lock.lock();
            try {
                if (e.container.state().status() == ContainerStatus.RESTARTING) {
                    setStatus(e, ContainerStatus.EXITED);
                    endedForGood(e, e.container.state().exitCode());
                }
            } finally {
                e.lock.unlock();
            }
        }
    }

    /**
     * Ends a restart back-off at the user's request (stop, kill, rm -f): the container is exited with
     * its last exit code and stays so. Caller holds the lock. True when one was pending.
     */
    private boolean cancelRestart(ContainerEntry e) {
        if (e.container.state().status() != ContainerStatus.RESTARTING) {
            return false;
        }
        Thread pending = e.pendingRestart;
        if (pending != null) {
            pending.interrupt();
        }
        try {
            update(e, e.container.withManuallyStopped(true));
        } catch (IOException ex) {
            throw BerthException.internal("cannot record the stop of " + e.id() + ": " + ex.getMessage(), ex);
        }
        setStatus(e, ContainerStatus.EXITED);
        endedForGood(e, e.container.state().exitCode());
        return true;
    }

    /**
     * The container stopped and no restart policy brings it back: log followers end here, not at each
     * restart. Caller holds the lock.
     */
    private void endedForGood(ContainerEntry e, int exitCode) {
        CompletableFuture<Integer> ended = e.stoppedForGood;
        e.stoppedForGood = new CompletableFuture<>();
        logs.stoppedForGood(e.id());
        ended.complete(exitCode);
    }

    /** The start a restart policy asks for when the daemon comes up: a fresh start, as the user's. */
    private void startQuietly(ContainerEntry e) {
        e.lock.lock();
        try {
            if (e.removing || e.container.state().running()) {
                return;
            }
            resetRestartPolicy(e);
            setStatus(e, ContainerStatus.RESTARTING);
        } catch (IOException | RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot start " + e.id() + " for its restart policy: " + ex.getMessage());
            return;
        } finally {
            e.lock.unlock();
        }
        startForPolicy(e);
    }

    /**
     * The host-side /dev/shm a run binds instead of a private one: its own tmpfs (mounted now) with
     * {@code --ipc shareable}, the donor's with {@code --ipc container:x} (the host's when the donor
     * uses the host's IPC). Docker keeps shareable ones on the host the same way.
     */
    private Optional<Path> sharedShm(Container c, ContainerFiles files) throws IOException {
        String ipc = c.hostConfig().ipcMode();
        if (ipc.equals("shareable")) {
            Files.createDirectories(files.shm());
            if (!Mounts.isMountPoint(files.shm())) {
                Mounts.mountTmpfs(files.shm(), Mounts.MS_NOSUID | Mounts.MS_NODEV | Mounts.MS_NOEXEC,
                        "mode=1777,size=" + c.hostConfig().effectiveShmSize());
            }
            return Optional.of(files.shm());
        }
        if (ipc.startsWith("container:")) {
            Container donor = resolve(ipc.substring("container:".length())).container;
            return switch (donor.hostConfig().ipcMode()) {
                case "shareable" -> Optional.of(store.files(donor.id()).shm());
                case "host" -> Optional.of(Path.of("/dev/shm"));
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** Runtime delete and unmount after a run; the container's files stay. */
    private void releaseRun(ContainerEntry e) {
        try {
            runtime.delete(e.id());
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "runtime delete of " + e.id() + " failed", ex);
        }
        unmountShm(store.files(e.id()));
        unmount(e);
        volumes.release(e.id());
        if (networks != null) {
            try {
                networks.unplug(e.id());
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "cannot unplug the networks of " + e.id() + ": " + ex.getMessage());
            }
        }
    }

    /** A shareable container's /dev/shm goes with its run, as in Docker. */
    private static void unmountShm(ContainerFiles files) {
        try {
            if (Files.isDirectory(files.shm()) && Mounts.isMountPoint(files.shm())) {
                Mounts.unmount(files.shm(), true);
            }
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.DEBUG, "unmount of " + files.shm() + ": " + ex.getMessage());
        }
    }

    private void unmount(ContainerEntry e) {
        if (!e.mounted) {
            return;
        }
        try {
            Mounts.unmount(store.files(e.id()).rootfs(), true);
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.DEBUG, "unmount of " + e.id() + ": " + ex.getMessage());
        }
        e.mounted = false;
    }

    @Override
    public CompletableFuture<Integer> wait(String ref, WaitCondition condition) {
        ContainerEntry e = resolve(ref);
        return switch (condition) {
            case REMOVED -> e.removed.copy();
            case NEXT_EXIT -> e.nextExit.copy();
            case NOT_RUNNING -> {
                e.lock.lock();
                try {
                    Container c = e.container;
                    yield c.state().running() ? e.nextExit.copy()
                            : CompletableFuture.completedFuture(c.state().exitCode());
                } finally {
                    e.lock.unlock();
                }
            }
        };
    }

    @Override
    public Attachment attach(String ref, AttachOptions options) {
        ContainerEntry e = resolve(ref);
        Container c = e.container;
        // A streaming attach follows the current run, or the next one when the container is not
        // running: `docker start -a` attaches to a stopped container and then starts it.
        boolean live = options.stream();
        CompletableFuture<?> end = live ? e.nextExit : CompletableFuture.completedFuture(null);
        // What was logged comes from the driver (Docker's attach with logs=1 reads the logger too), then what the
        // run writes from now on straight from the spool; a driver that keeps nothing has no past to replay.
        LogOptions live0 = new LogOptions(options.stdout(), options.stderr(), live, OptionalInt.of(0), Optional.empty(),
                Optional.empty());
        LogSource output = runtime.readLog(store.files(c.id()).spool(), live0, end);
        if (options.logs()) {
            LogOptions past = new LogOptions(options.stdout(), options.stderr(), false, OptionalInt.empty(),
                    Optional.empty(), Optional.empty());
            try {
                output = new ConcatLogSource(logs.read(c, past, CompletableFuture.completedFuture(null)), output);
            } catch (BerthException ex) {
                if (ex.kind() != berth.errors.ErrorKind.NOT_IMPLEMENTED) {
                    output.close();
                    throw ex;
                }
            }
        }
        Optional<java.io.OutputStream> stdin = options.stdin() && c.config().openStdin() && live
                ? Optional.of(new DeferredStdin(() -> openStdinWhenStarted(e)))
                : Optional.empty();
        if (live) {
            events.publish(c, "attach");
        }
        return new StreamAttachment(output, stdin);
    }

    private java.io.OutputStream openStdinWhenStarted(ContainerEntry e) throws IOException {
        try {
            CompletableFuture<Void> started = e.started;
            CompletableFuture.anyOf(started, e.nextExit, e.removed).get();
            if (!started.isDone()) {
                throw new IOException("container " + e.id() + " exited before stdin could be attached");
            }
            return runtime.openStdin(e.id());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the container to start", ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            throw new IOException(ex.getCause());
        }
    }

    @Override
    public LogSource logs(String ref, LogOptions options) {
        ContainerEntry e = resolve(ref);
        // A follower stays through the policy's restarts (the log file is the same) to the final stop.
        // The future is read before the state: a stop in between leaves it completed, never a later one.
        CompletableFuture<Integer> stoppedForGood = e.stoppedForGood;
        Container c = e.container;
        boolean live = c.state().running() || c.state().status() == ContainerStatus.RESTARTING;
        CompletableFuture<?> end = options.follow() && live ? stoppedForGood : CompletableFuture.completedFuture(null);
        return logs.read(c, options, end);
    }

    @Override
    public long logDropped(String ref) {
        return logs.dropped(resolve(ref).id());
    }

    @Override
    public void kill(String ref, Optional<String> signal) {
        ContainerEntry e = resolve(ref);
        int sig = signal.filter(s -> !s.isEmpty()).map(Signals::parse).orElse(SIGKILL);
        e.lock.lock();
        try {
            if (!e.container.state().running()) {
                throw BerthException.conflict("Container " + e.id() + " is not running");
            }
            markManuallyStopped(e);
            events.publish(e.container, "kill", Map.of("signal", Integer.toString(sig)));
            if (cancelRestart(e)) {
                return;
            }
            runtime.kill(e.id(), sig);
            thawIfPaused(e);
        } finally {
            e.lock.unlock();
        }
    }

    /**
     * A frozen process cannot act on a signal, not even KILL: after signalling a paused container it
     * is thawed, as Docker does. Caller holds the lock.
     */
    private void thawIfPaused(ContainerEntry e) {
        Container c = e.container;
        if (c.state().status() != ContainerStatus.PAUSED) {
            return;
        }
        runtime.resume(e.id());
        setStatus(e, ContainerStatus.RUNNING);
    }

    /** A stop or kill by the user: restart policies leave the container alone until it is started again. */
    private void markManuallyStopped(ContainerEntry e) {
        if (e.container.manuallyStopped()) {
            return;
        }
        try {
            update(e, e.container.withManuallyStopped(true));
        } catch (IOException ex) {
            throw BerthException.internal("cannot record the stop of " + e.id() + ": " + ex.getMessage(), ex);
        }
    }

    /** Docker's answer for operations that need a process while a restart policy waits to start one. */
    private static void refuseIfRestarting(ContainerEntry e) {
        if (e.container.state().status() == ContainerStatus.RESTARTING) {
            throw BerthException.conflict("Container " + e.id() + " is restarting, wait until the container is running");
        }
    }

    private void setStatus(ContainerEntry e, ContainerStatus status) {
        Container c = e.container;
        ContainerState s = c.state();
        try {
            update(e, c.withState(new ContainerState(status, s.pid(), s.exitCode(), s.error(), s.oomKilled(),
                    s.startedAt(), s.finishedAt(), s.health())));
        } catch (IOException ex) {
            throw BerthException.internal("cannot record the state of " + c.id() + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void restart(String ref, Optional<Integer> timeoutSeconds) {
        restart(ref, timeoutSeconds, Optional.empty());
    }

    @Override
    public void restart(String ref, Optional<Integer> timeoutSeconds, Optional<String> signal) {
        stop(ref, timeoutSeconds, signal);
        start(ref);
        events.publish(resolve(ref).container, "restart");
    }

    @Override
    public void pause(String ref) {
        ContainerEntry e = resolve(ref);
        e.lock.lock();
        try {
            ContainerStatus status = e.container.state().status();
            if (status == ContainerStatus.PAUSED) {
                throw BerthException.conflict("Container " + e.id() + " is already paused");
            }
            if (!e.container.state().running()) {
                throw BerthException.conflict("Container " + e.id() + " is not running");
            }
            refuseIfRestarting(e);
            runtime.pause(e.id());
            setStatus(e, ContainerStatus.PAUSED);
            events.publish(e.container, "pause");
        } finally {
            e.lock.unlock();
        }
    }

    @Override
    public void unpause(String ref) {
        ContainerEntry e = resolve(ref);
        e.lock.lock();
        try {
            if (e.container.state().status() != ContainerStatus.PAUSED) {
                throw BerthException.conflict("Container " + e.id() + " is not paused");
            }
            runtime.resume(e.id());
            setStatus(e, ContainerStatus.RUNNING);
            events.publish(e.container, "unpause");
        } finally {
            e.lock.unlock();
        }
    }

    @Override
    public void rename(String ref, String newName) {
        ContainerEntry e = resolve(ref);
        String name = ContainerNames.validate(newName == null ? "" : newName);
        e.lock.lock();
        try {
            Container c = e.container;
            if (c.name().equals(name)) {
                throw BerthException.invalid("Renaming a container with the same name as its current name");
            }
            String holder = idByName.putIfAbsent(name, c.id());
            if (holder != null) {
                throw BerthException.conflict("Conflict. The container name \"/" + name
                        + "\" is already in use by container \"" + holder
                        + "\". You have to remove (or rename) that container to be able to reuse that name.");
            }
            try {
                update(e, c.withName(name));
                if (networks != null) {
                    networks.rename(c.id(), name);
                }
            } catch (IOException ex) {
                idByName.remove(name, c.id());
                throw BerthException.internal("cannot rename " + c.id() + ": " + ex.getMessage(), ex);
            }
            idByName.remove(c.name(), c.id());
            events.publish(e.container, "rename", Map.of("oldName", "/" + c.name()));
        } finally {
            e.lock.unlock();
        }
    }

    @Override
    public TopResult top(String ref, String psArgs) {
        ContainerEntry e = resolve(ref);
        if (!e.container.state().running()) {
            throw BerthException.conflict("Container " + e.id() + " is not running");
        }
        refuseIfRestarting(e);
        Set<Integer> pids = Set.copyOf(runtime.pids(e.id()));
        List<String> cmd = new ArrayList<>(List.of("ps"));
        String args = psArgs == null || psArgs.isBlank() ? "-ef" : psArgs.trim();
        cmd.addAll(List.of(args.split("\\s+")));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw BerthException.invalid("ps " + args + " failed: " + out.strip());
            }
            TopResult result = PsOutput.parse(out, pids);
            events.publish(e.container, "top");
            return result;
        } catch (IOException ex) {
            throw BerthException.internal("cannot run ps: " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted while running ps", ex);
        }
    }

    @Override
    public boolean stop(String ref, Optional<Integer> timeoutSeconds) {
        return stop(ref, timeoutSeconds, Optional.empty());
    }

    @Override
    public boolean stop(String ref, Optional<Integer> timeoutSeconds, Optional<String> signal) {
        ContainerEntry e = resolve(ref);
        OptionalInt asked = signal.filter(s -> !s.isBlank()).map(s -> OptionalInt.of(Signals.parse(s)))
                .orElse(OptionalInt.empty());
        CompletableFuture<Integer> exit;
        int timeout;
        e.lock.lock();
        try {
            Container c = e.container;
            if (!c.state().running()) {
                return false;
            }
            markManuallyStopped(e);
            if (cancelRestart(e)) {
                events.publish(e.container, "stop");
                return true;
            }
            exit = e.nextExit;
            timeout = timeoutSeconds.or(() -> c.config().stopTimeout()).orElse(DEFAULT_STOP_TIMEOUT);
            int sig = asked.isPresent() ? asked.getAsInt() : c.config().stopSignal().map(Signals::parse).orElse(15);
            events.publish(c, "kill", Map.of("signal", Integer.toString(sig)));
            runtime.kill(e.id(), sig);
            thawIfPaused(e);
        } finally {
            e.lock.unlock();
        }
        try {
            if (timeout < 0) {
                exit.join();
            } else {
                exit.get(timeout, TimeUnit.SECONDS);
            }
        } catch (TimeoutException ex) {
            killAndAwait(e, exit);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted while stopping " + e.id(), ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            throw BerthException.internal("stop of " + e.id() + " failed", ex.getCause());
        }
        events.publish(e.container, "stop");
        return true;
    }

    private void killAndAwait(ContainerEntry e, CompletableFuture<Integer> exit) {
        try {
            e.lock.lock();
            try {
                events.publish(e.container, "kill", Map.of("signal", Integer.toString(SIGKILL)));
                runtime.kill(e.id(), SIGKILL);
                thawIfPaused(e);
            } finally {
                e.lock.unlock();
            }
        } catch (BerthException ex) {
            if (ex.kind() != ErrorKind.CONFLICT) {
                throw ex;
            }
        }
        exit.join();
    }

    @Override
    public void remove(String ref, boolean force, boolean removeVolumes) {
        ContainerEntry e = resolve(ref);
        CompletableFuture<Integer> exit;
        e.lock.lock();
        try {
            if (e.removing) {
                throw BerthException.conflict("removal of container " + e.id() + " is already in progress");
            }
            if (e.container.state().status() == ContainerStatus.RESTARTING) {
                if (!force) {
                    throw BerthException.conflict("You cannot remove a restarting container " + e.id()
                            + ". Stop the container before attempting removal or force remove");
                }
                cancelRestart(e);
            }
            if (!e.container.state().running()) {
                exit = null;
            } else if (!force) {
                throw BerthException.conflict("You cannot remove a running container " + e.id()
                        + ". Stop the container before attempting removal or force remove");
            } else {
                exit = e.nextExit;
            }
        } finally {
            e.lock.unlock();
        }
        if (exit != null) {
            killAndAwait(e, exit);
        }
        removeNow(e, removeVolumes);
    }

    /**
     * Makes the container disappear atomically (one rename), answers removal waiters, then deletes files.
     * With {@code removeVolumes} (rm -v, --rm) its anonymous volumes go too, before waiters hear of it.
     */
    private void removeNow(ContainerEntry e, boolean removeVolumes) {
        // the last run's release (its volumes' unmount events among it) comes before the destroy, and before a
        // waiter for the removal (run --rm) goes on to remove a volume the run used
        e.cleanup.join();
        int exitCode;
        e.lock.lock();
        try {
            if (e.removing) {
                return;
            }
            e.removing = true;
            exitCode = e.container.state().exitCode();
            byId.remove(e.id());
            idByName.remove(e.container.name(), e.id());
            execs.forget(e.id());
            consoleSizes.remove(e.id());
            logs.removed(e.id());
            Path trashed;
            try {
                trashed = store.moveToTrash(e.id());
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot remove container " + e.id(), ex);
            }
            volumes.forget(e.id(), removeVolumes);
            background.execute(() -> {
                unmount(e);
                deleteQuietly(store.files(e.id()).runDir());
                deleteQuietly(trashed);
            });
        } finally {
            e.lock.unlock();
        }
        // out of its networks before the answer, as dockerd does: a client removes the network next (compose down)
        ContainerNetworks.forget(networks, e.id());
        events.publish(e.container, "destroy");
        e.stoppedForGood.complete(exitCode);
        e.removed.complete(exitCode);
    }

    @Override
    public List<Container> list(ContainerFilter filter) {
        boolean all = filter.all() || !filter.statuses().isEmpty() || filter.limit().isPresent();
        for (String s : filter.statuses()) {
            if (!List.of("created", "restarting", "running", "removing", "paused", "exited", "dead").contains(s)) {
                throw BerthException.invalid("invalid filter 'status=" + s + "'");
            }
        }
        List<Pattern> names = filter.names().stream().map(LocalContainerService::namePattern).toList();
        List<Digest> ancestors = filter.ancestors().stream().flatMap(a -> ancestorId(a).stream()).toList();
        var stream = byId.values().stream().map(e -> e.container)
                .filter(c -> all || c.state().running())
                .filter(c -> filter.statuses().isEmpty() || filter.statuses().contains(c.state().status().wireName()))
                .filter(c -> names.isEmpty() || names.stream().anyMatch(p -> p.matcher("/" + c.name()).find()))
                .filter(c -> filter.ids().isEmpty() || filter.ids().stream().anyMatch(c.id()::startsWith))
                .filter(c -> filter.ancestors().isEmpty() || ancestors.contains(c.imageId())
                        || filter.ancestors().contains(c.imageName()))
                .filter(c -> ImageService.labelsMatch(filter.labels(), c.config().labels()))
                .sorted(Comparator.comparing(Container::created).reversed());
        if (filter.limit().isPresent() && filter.limit().getAsInt() > 0) {
            stream = stream.limit(filter.limit().getAsInt());
        }
        return stream.toList();
    }

    private static Pattern namePattern(String n) {
        try {
            return Pattern.compile(n);
        } catch (PatternSyntaxException ex) {
            throw BerthException.invalid("invalid filter 'name=" + n + "': " + ex.getDescription());
        }
    }

    private Optional<Digest> ancestorId(String ref) {
        try {
            return Optional.of(images.inspect(ref).id());
        } catch (BerthException ex) {
            if (ex.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    @Override
    public Container inspect(String ref) {
        return resolve(ref).container;
    }

    // ---- files in a container (docker cp, export, diff); the rules are in ContainerArchives ----

    @Override
    public berth.container.PathStat statPath(String ref, String path) {
        return withRootfs(ref, true, (rootfs, c) -> new ContainerArchives(rootfs, ref).stat(path));
    }

    @Override
    public void archivePath(String ref, String path, berth.container.ArchiveSink sink) {
        withRootfs(ref, true, (rootfs, c) -> {
            new ContainerArchives(rootfs, ref).archive(path, sink);
            events.publish(c, "archive-path");
            return null;
        });
    }

    @Override
    public void extractToDir(String ref, String path, java.io.InputStream tar, berth.container.ExtractOptions options) {
        withRootfs(ref, true, (rootfs, c) -> {
            new ContainerArchives(rootfs, ref).extract(path, tar, options, c.hostConfig().readonlyRootfs(), c.config().user());
            events.publish(c, "extract-to-dir");
            return null;
        });
    }

    @Override
    public void export(String ref, java.io.OutputStream out) {
        withRootfs(ref, false, (rootfs, c) -> {
            new ContainerArchives(rootfs, ref).export(out);
            events.publish(c, "export");
            return null;
        });
    }

    @Override
    public List<berth.container.FileChange> changes(String ref) {
        return withRootfs(ref, false, (rootfs, c) -> ContainerChanges.of(store.files(c.id()).upper(), images.layerPaths(c.imageId())));
    }

    @Override
    public berth.content.Digest commit(String ref, berth.container.CommitOptions options) {
        Container c = resolve(ref).container;
        options.reference().ifPresent(r -> berth.image.ImageReference.parse(r)); // a bad name fails before any work
        berth.image.Image base = images.inspect(c.imageId().toString());
        berth.image.ImageConfig config = CommitConfig.of(c.config(), base.config().volumes(), options.config(),
                options.changes());
        // Docker's history entry for a commit is the container's Cmd
        String createdBy = String.join(" ", c.config().cmd());
        berth.image.Image img = commitLayer(ref, options.pause(), new berth.image.ImageCommit(Optional.of(c.imageId()),
                config, createdBy, options.author(), options.comment(), c.id(), options.reference(), java.time.Instant.now()));
        Map<String, String> attrs = new java.util.LinkedHashMap<>();
        attrs.put("comment", options.comment());
        attrs.put("imageID", img.id().toString());
        attrs.put("imageRef", options.reference().map(r -> berth.image.ImageReference.parse(r).withDefaultTag().familiarString())
                .orElse(""));
        events.publish(c, "commit", attrs);
        return img.id();
    }

    @Override
    public berth.image.Image commitBuildStep(String ref, berth.image.ImageCommit commit) {
        return commitLayer(ref, true, commit);
    }

    /** The container's upper directory as a layer, without what runc made for its mounts, under its lock. */
    private berth.image.Image commitLayer(String ref, boolean freeze, berth.image.ImageCommit commit) {
        var layerRules = new berth.archive.OverlayLayerWriter.Options(ContainerChanges.MOUNT_POINTS,
                ContainerChanges.MOUNT_POINT_PARENTS);
        return withRootfs(ref, false, freeze, (rootfs, current) -> images.commit(commit,
                out -> berth.archive.OverlayLayerWriter.write(store.files(current.id()).upper(), layerRules, out)));
    }

    /** Work on a container's root filesystem while it is mounted and nobody else changes it. */
    @FunctionalInterface
    interface RootfsAction<T> {
        T run(Path rootfs, Container c) throws IOException;
    }

    /**
     * Runs {@code action} under the container's lock with its rootfs mounted: a container that is not
     * running gets its overlay mounted for the duration (start waits for the lock); a running one is
     * frozen meanwhile, because its processes could otherwise swap a directory for a symlink between our
     * check and our use, and the host's view of the rootfs would follow it out of the container.
     *
     * @param withBinds mount the container's bind mounts onto the rootfs meanwhile (docker cp sees and
     *                  writes what is bound; export and diff are about the container's own files)
     */
    <T> T withRootfs(String ref, boolean withBinds, RootfsAction<T> action) {
        return withRootfs(ref, withBinds, true, action);
    }

    /** Same; with {@code freeze} false a running container keeps running (commit with pause=false). */
    <T> T withRootfs(String ref, boolean withBinds, boolean freeze, RootfsAction<T> action) {
        ContainerEntry e = resolve(ref);
        while (true) {
            e.cleanup.join(); // a previous run's unmount must not pull the rootfs from under us
            e.lock.lock();
            if (e.cleanup.isDone()) {
                break;
            }
            e.lock.unlock();
        }
        try {
            checkNotRemoving(e);
            ContainerFiles files = store.files(e.id());
            ContainerStatus status = e.container.state().status();
            boolean live = status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED;
            boolean mountedHere = !live && !e.mounted;
            boolean frozeHere = freeze && status == ContainerStatus.RUNNING;
            if (mountedHere) {
                mountRootfs(e, files);
            }
            if (frozeHere) {
                runtime.pause(e.id());
            }
            try (BindOverlay binds = withBinds ? BindOverlay.mount(files.rootfs(),
                    volumes.withVolumeBinds(e.id(), e.container.hostConfig())) : null) {
                return action.run(files.rootfs(), e.container);
            } finally {
                if (frozeHere) {
                    runtime.resume(e.id());
                }
                if (mountedHere) {
                    unmount(e);
                }
            }
        } catch (IOException ex) {
            throw BerthException.internal("cannot access the files of container " + e.id() + ": " + ex.getMessage(), ex);
        } finally {
            e.lock.unlock();
        }
    }

    @Override
    public void resize(String ref, int height, int width) {
        ContainerEntry e = resolve(ref);
        if (!e.container.state().running()) {
            throw BerthException.conflict("Container " + e.id() + " is not running");
        }
        if (!e.container.config().tty()) {
            // Docker ignores a resize for a container without a TTY.
            return;
        }
        runtime.resize(e.id(), height, width);
        events.publish(e.container, "resize", Map.of("height", Integer.toString(height), "width", Integer.toString(width)));
    }

    @Override
    public String createExec(String containerRef, ExecSpec spec) {
        return execs.create(resolve(containerRef), spec);
    }

    @Override
    public Attachment startExec(String execId, boolean detach) {
        return execs.start(execId, detach, Optional.empty());
    }

    @Override
    public Attachment startExec(String execId, boolean detach, Optional<berth.container.ConsoleSize> consoleSize) {
        return execs.start(execId, detach, consoleSize);
    }

    @Override
    public ExecInfo inspectExec(String execId) {
        return execs.inspect(execId);
    }

    @Override
    public void resizeExec(String execId, int height, int width) {
        execs.resize(execId, height, width);
    }

    @Override
    public Optional<berth.container.ContainerStats> stats(String ref) {
        ContainerEntry e = resolve(ref);
        if (!e.container.state().running()) {
            return Optional.empty();
        }
        try {
            return Optional.of(runtime.stats(e.id()));
        } catch (BerthException ex) {
            if (ex.kind() == ErrorKind.CONFLICT) {
                return Optional.empty(); // it exited between the check and the sample
            }
            throw ex;
        }
    }

    @Override
    public List<String> update(String ref, berth.container.HostConfig.Resources resources,
            Optional<berth.container.HostConfig.RestartPolicy> restartPolicy) {
        ContainerEntry e = resolve(ref);
        e.lock.lock();
        try {
            checkNotRemoving(e);
            Container c = e.container;
            restartPolicy.ifPresent(p -> RestartRule.validate(p, c.autoRemove()));
            ResourceRules.Checked limits;
            try {
                limits = resourceRules.forUpdate(c.hostConfig().resources(), resources);
            } catch (BerthException ex) {
                // Docker prefixes what contradicts the container's settings, not plain bad values
                if (ex.kind() != ErrorKind.CONFLICT) {
                    throw ex;
                }
                throw new BerthException(ex.kind(), "Cannot update container " + c.id() + ": " + ex.getMessage(), ex);
            }
            var next = c.hostConfig().withResources(limits.resources());
            if (restartPolicy.isPresent()) {
                next = next.withRestartPolicy(restartPolicy.get());
            }
            // a container waiting in RESTARTING has no process: its next run gets the new limits
            ContainerStatus status = c.state().status();
            if (status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED) {
                runtime.update(c.id(), ResourceRules.toApply(limits.resources(), resources));
            }
            update(e, c.withHostConfig(next));
            events.publish(e.container, "update");
            return limits.warnings();
        } catch (IOException ex) {
            throw BerthException.internal("cannot update container " + e.id() + ": " + ex.getMessage(), ex);
        } finally {
            e.lock.unlock();
        }
    }

    /** Full ID, then exact name, then a unique ID prefix — Docker's order. */
    private ContainerEntry resolve(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw BerthException.invalid("container name or ID must not be empty");
        }
        String key = ref.startsWith("/") ? ref.substring(1) : ref;
        ContainerEntry e = byId.get(key);
        if (e != null) {
            return e;
        }
        String id = idByName.get(key);
        if (id != null && (e = byId.get(id)) != null) {
            return e;
        }
        if (key.matches("[0-9a-f]+")) {
            List<ContainerEntry> matches = byId.values().stream().filter(x -> x.id().startsWith(key)).limit(2).toList();
            if (matches.size() == 1) {
                return matches.getFirst();
            }
            if (matches.size() > 1) {
                throw BerthException.invalid("multiple IDs found with provided prefix: " + key);
            }
        }
        throw BerthException.notFound("No such container: " + ref);
    }

    private static void checkNotRemoving(ContainerEntry e) {
        if (e.removing) {
            throw BerthException.notFound("No such container: " + e.id());
        }
    }

    private void update(ContainerEntry e, Container next) throws IOException {
        store.save(next);
        e.container = next;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void deleteQuietly(Path p) {
        try {
            FileTrees.deleteRecursively(p);
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + p + ": " + ex.getMessage());
        }
    }

    /** Stops background work without waiting for it: containers keep running, a restart reconciles. */
    public void close() {
        logs.close();
        background.shutdownNow();
    }

    @Override
    public void connectNetwork(String containerRef, String networkRef, berth.network.EndpointConfig config) {
        if (networks == null) {
            throw BerthException.notImplemented("networks are not enabled in this daemon");
        }
        ContainerEntry e = resolve(containerRef);
        e.lock.lock();
        try {
            checkNotRemoving(e);
            Container c = e.container;
            ContainerNetworkMode.checkConnect(c.networkMode());
            networks.join(c.id(), c.name(), networkRef, config == null ? berth.network.EndpointConfig.DEFAULT : config);
            if (c.state().running() && c.state().pid() > 0) {
                try {
                    networks.plugOne(c.id(), networkRef, c.state().pid());
                } catch (RuntimeException ex) {
                    networks.leave(c.id(), networkRef);
                    throw ex;
                }
            }
        } finally {
            e.lock.unlock();
        }
    }

    @Override
    public void disconnectNetwork(String containerRef, String networkRef, boolean force) {
        if (networks == null) {
            throw BerthException.notImplemented("networks are not enabled in this daemon");
        }
        berth.network.Network n = networks.inspect(networkRef);
        ContainerEntry e;
        try {
            e = resolve(containerRef);
        } catch (BerthException notFound) {
            if (force && notFound.kind() == berth.errors.ErrorKind.NOT_FOUND) {
                return; // Docker's --force also cleans up after containers that are gone
            }
            throw notFound;
        }
        e.lock.lock();
        try {
            Container c = e.container;
            if (!networks.memberships(c.id()).containsKey(n.name())) {
                if (force) {
                    return;
                }
                throw new BerthException(berth.errors.ErrorKind.PERMISSION_DENIED, "container " + c.id()
                        + " is not connected to network " + n.name());
            }
            if (n.name().equals(berth.network.Network.HOST) && c.state().running()) {
                throw new BerthException(berth.errors.ErrorKind.PERMISSION_DENIED,
                        "container cannot be disconnected from host network or connected to host network");
            }
            if (c.state().running() && c.state().pid() > 0) {
                networks.unplugOne(c.id(), n.id(), c.state().pid());
            }
            networks.leave(c.id(), n.id());
        } finally {
            e.lock.unlock();
        }
    }
}
