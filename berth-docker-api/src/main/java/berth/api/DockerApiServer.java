package berth.api;

import berth.api.http.ApiServerChannels;
import berth.api.http.Dispatcher;
import berth.api.http.Router;
import berth.api.http.ServerHeaders;
import berth.api.routes.ContainerRoutes;
import berth.api.routes.ExecRoutes;
import berth.api.routes.ImageRoutes;
import berth.api.routes.StatsRoutes;
import berth.api.routes.SystemRoutes;
import berth.api.routes.EventRoutes;
import berth.api.routes.UnimplementedRoutes;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * The Docker Engine API over HTTP/1.1 on a unix socket.
 *
 * <pre>{@code
 * try (var server = new DockerApiServer(new ApiContext(images, containers, info))) {
 *     server.start(Path.of("/run/berth.sock"));
 *     ...
 * }
 * }</pre>
 * One event-loop thread moves bytes; every request runs on its own virtual thread, so the blocking
 * engine calls never hold the loop.
 */
public final class DockerApiServer implements AutoCloseable {
    /** Members of this group may use the socket, like Docker's "docker" group. */
    public static final String SOCKET_GROUP = "berth";

    private final Router router;
    private final ServerHeaders headers;
    private ApiServerChannels channels;

    public DockerApiServer(ApiContext ctx) {
        this.headers = new ServerHeaders("Berth/" + ctx.info().serverVersion() + " (linux)", ctx.info().experimental());
        this.router = new Router();
        new SystemRoutes(ctx).register(router);
        berth.api.routes.RegistryRoutes registries = ctx.registries() == null ? null
                : new berth.api.routes.RegistryRoutes(ctx.registries(), ctx.events());
        if (registries != null) {
            registries.register(router);
        }
        new ImageRoutes(ctx.images(), ctx.containers(), registries).register(router);
        new ContainerRoutes(ctx.containers(), ctx.networks()).register(router);
        new berth.api.routes.ContainerPruneRoute(ctx.containers()).register(router);
        new berth.api.routes.CommitRoutes(ctx.containers()).register(router);
        new ExecRoutes(ctx.containers()).register(router);
        new berth.api.routes.ArchiveRoutes(ctx.containers()).register(router);
        new StatsRoutes(ctx.containers()).register(router);
        new EventRoutes(ctx.events()).register(router);
        if (ctx.volumes() != null) {
            new berth.api.routes.VolumeRoutes(ctx.volumes()).register(router);
        }
        if (ctx.networks() != null) {
            new berth.api.routes.NetworkRoutes(ctx.networks(), ctx.containers()).register(router);
        }
        if (ctx.builder() != null) {
            new berth.api.routes.BuildRoutes(ctx.builder()).register(router);
        }
        new berth.api.routes.DiskUsageRoutes(new berth.system.DiskUsageService(ctx.images(), ctx.containers(),
                java.util.Optional.ofNullable(ctx.volumes()), berth.api.routes.DiskUsageRoutes.cacheEntries(ctx.builder())))
                .register(router);
        UnimplementedRoutes.register(router);
    }

    /**
     * Binds the socket: creates parent directories, replaces a stale socket file, then restricts it
     * to mode 0660 and group {@value #SOCKET_GROUP} when that group exists.
     */
    public synchronized void start(Path unixSocket) {
        if (channels != null) {
            throw new BerthException(ErrorKind.FAILED_PRECONDITION, "API server already started");
        }
        try {
            Path parent = unixSocket.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(unixSocket);
        } catch (IOException e) {
            throw new BerthException(ErrorKind.UNAVAILABLE, "cannot prepare socket path " + unixSocket + ": " + e.getMessage(), e);
        }
        channels = ApiServerChannels.bind(unixSocket, new Dispatcher(router), headers);
        restrictSocket(unixSocket);
    }

    private static void restrictSocket(Path socket) {
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            PosixFileAttributeView view = Files.getFileAttributeView(socket, PosixFileAttributeView.class);
            try {
                GroupPrincipal group = socket.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(SOCKET_GROUP);
                view.setGroup(group);
            } catch (UserPrincipalNotFoundException absent) {
                // no such group on this host: only root may connect, which is the safe default
            }
        } catch (IOException e) {
            throw new BerthException(ErrorKind.UNAVAILABLE, "cannot set permissions of " + socket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (channels != null) {
            channels.close();
            channels = null;
        }
    }
}
