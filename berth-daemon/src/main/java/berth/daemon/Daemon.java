package berth.daemon;

import berth.api.ApiContext;
import berth.api.DaemonInfo;
import berth.api.DockerApiServer;
import berth.container.local.LocalContainerService;
import berth.distribution.DistributionService;
import berth.distribution.Platform;
import berth.distribution.RegistryHosts;
import berth.errors.BerthException;
import berth.events.EventLog;
import berth.volume.local.LocalVolumeService;
import berth.image.DefaultImageService;
import berth.image.EventingImageService;
import berth.image.ImageService;
import berth.runtime.ContainerRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The running daemon: wires the stores, the runtime and the API server together, and takes them
 * down on SIGTERM. Containers keep running across a daemon stop (conmon holds them); the next
 * daemon finds them again.
 */
public final class Daemon {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());
    static final String VERSION = "0.1.0";

    private final DockerApiServer api;
    private final LocalContainerService containers;
    private final ContainerRuntime runtime;
    private final AutoCloseable dns;
    private final AutoCloseable registries;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Daemon(DockerApiServer api, LocalContainerService containers, ContainerRuntime runtime, AutoCloseable dns,
                   AutoCloseable registries) {
        this.dns = dns;
        this.registries = registries;
        this.api = api;
        this.containers = containers;
        this.runtime = runtime;
    }

    public static Daemon start(DaemonOptions options) throws IOException {
        long t0 = System.nanoTime();
        if (!"root".equals(System.getProperty("user.name"))) {
            throw BerthException.invalid("the daemon needs root: containers are made with mount, namespaces and cgroups");
        }
        Files.createDirectories(options.dataRoot());
        Files.createDirectories(options.execRoot());
        Pidfile pidfile = options.pidfile().map(Pidfile::create).orElse(null);

        RuntimeChoice rc = RuntimeChoice.select(options.runtime(), options.execRoot());
        ContainerRuntime runtime = rc.runtime();
        EventLog events = new EventLog();
        DefaultImageService imageStore = new DefaultImageService(options.dataRoot());
        ImageService images = new EventingImageService(imageStore, events);
        DistributionService registries = new DistributionService(imageStore, registryHosts(options.registries()),
                Platform.host(), options.dataRoot());
        LocalVolumeService volumes = new LocalVolumeService(options.dataRoot(), events);
        berth.network.dns.EmbeddedDns dns = new berth.network.dns.EmbeddedDns();
        berth.network.local.LocalNetworkService networks = NetworkSetup.create(options.dataRoot(), daemonId(options.dataRoot()), options.networking(),
                dns, events);
        berth.logs.driver.LogDrivers logDrivers = berth.logging.daemon.ContainerLogDrivers.standard(options.logDefaults());
        LocalContainerService containers = new LocalContainerService(options.dataRoot(), options.execRoot(),
                images, runtime, events, volumes, networks, logDrivers);
        containers.recover();

        DaemonInfo probed = DaemonInfo.probe(VERSION, daemonId(options.dataRoot()), options.dataRoot(), images, containers);
        DaemonInfo info = new DaemonInfo(probed.id(), probed.name(), probed.serverVersion(), probed.gitCommit(),
                probed.os(), probed.arch(), probed.kernelVersion(), probed.operatingSystem(), probed.osVersion(),
                probed.dataRoot(), runtime.name(), Map.of(runtime.name(), rc.binary().toString()),
                probed.storageDriver(), logDrivers.defaults().type(), probed.cgroupDriver(), probed.cgroupVersion(), probed.ncpu(),
                probed.memTotal(), probed.initBinary(), probed.securityOptions(), options.experimental() || probed.experimental(),
                options.logLevel().equals("debug"), probed.containerCounts(), probed.imageCount(), logDrivers.names());

        berth.build.BuilderService builder = new berth.build.exec.LocalBuilder(images, containers, registries,
                options.dataRoot(), imageStore);
        DockerApiServer api = new DockerApiServer(new ApiContext(images, containers, info, events, volumes, networks,
                registries, builder));
        api.start(options.socket());
        Daemon d = new Daemon(api, containers, runtime, dns, registries);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> d.shutdown(pidfile)));
        LOG.log(System.Logger.Level.INFO, "berth daemon " + VERSION + " listening on unix://" + options.socket()
                + " (runtime " + runtime.name() + ", data root " + options.dataRoot() + ", started in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        return d;
    }

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    private void shutdown(Pidfile pidfile) {
        LOG.log(System.Logger.Level.INFO, "berth daemon stopping; containers keep running");
        try {
            api.close();
            containers.close();
            dns.close();
            registries.close();
            if (runtime instanceof AutoCloseable c) {
                c.close();
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "error while stopping", e);
        } finally {
            if (pidfile != null) {
                pidfile.delete();
            }
            stopped.countDown();
        }
    }

    /** Where registries are reached; a host name in an insecure CIDR is resolved as dockerd does. */
    private static RegistryHosts registryHosts(DaemonOptions.Registries r) {
        return RegistryHosts.of(r.mirrors(), r.insecure(), host -> {
            try {
                return java.util.List.of(java.net.InetAddress.getAllByName(host));
            } catch (java.net.UnknownHostException e) {
                return java.util.List.of();
            }
        });
    }

    /** A stable daemon ID, made once and kept under the data root. */
    private static String daemonId(Path dataRoot) throws IOException {
        Path f = dataRoot.resolve("engine-id");
        if (Files.isRegularFile(f)) {
            return Files.readString(f, StandardCharsets.UTF_8).strip();
        }
        String id = DaemonInfo.newId();
        berth.store.AtomicFiles.write(f, id.getBytes(StandardCharsets.UTF_8));
        return id;
    }

}
