package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Json;
import berth.api.http.Router;
import berth.api.wire.ArchiveDtos;
import berth.container.ContainerService;
import berth.container.ExtractOptions;
import berth.container.PathStat;
import berth.errors.BerthException;
import java.io.OutputStream;
import java.util.Base64;

/**
 * Files in containers: {@code docker cp} ({@code HEAD/GET/PUT /containers/{id}/archive}),
 * {@code docker export} and {@code docker diff}. The path's stat travels base64-encoded JSON in the
 * {@code X-Docker-Container-Path-Stat} header, on HEAD and on GET (the CLI needs it to name what it
 * unpacks).
 */
public final class ArchiveRoutes {
    static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

    private final ContainerService containers;

    public ArchiveRoutes(ContainerService containers) {
        this.containers = containers;
    }

    public void register(Router r) {
        r.add("HEAD", "/containers/([^/]+)/archive", this::stat);
        r.add("GET", "/containers/([^/]+)/archive", this::get);
        r.add("PUT", "/containers/([^/]+)/archive", this::put);
        r.add("GET", "/containers/([^/]+)/export", this::export);
        r.add("GET", "/containers/([^/]+)/changes", ex -> ex.respondJson(200,
                ArchiveDtos.changes(containers.changes(ex.param(0)))));
    }

    private static String path(Exchange ex) {
        return ex.query().get("path").filter(p -> !p.isEmpty())
                .orElseThrow(() -> BerthException.invalid("path is required: add ?path=/some/path in the container"));
    }

    private static String statHeader(PathStat s) {
        return Base64.getEncoder().encodeToString(Json.bytes(ArchiveDtos.pathStat(s)));
    }

    private void stat(Exchange ex) {
        PathStat s = containers.statPath(ex.param(0), path(ex));
        ex.withHeader(STAT_HEADER, statHeader(s)).respondEmpty(200);
    }

    private void get(Exchange ex) throws Exception {
        String path = path(ex);
        Exchange.ChunkedResponse[] out = new Exchange.ChunkedResponse[1];
        OutputStream[] body = new OutputStream[1];
        containers.archivePath(ex.param(0), path, stat -> {
            ex.withHeader(STAT_HEADER, statHeader(stat));
            out[0] = ex.startChunked(200, "application/x-tar", false, true);
            body[0] = out[0].asOutputStream();
            return body[0];
        });
        body[0].flush();
        out[0].end();
    }

    private void put(Exchange ex) {
        String path = path(ex);
        ExtractOptions options = new ExtractOptions(ex.query().bool("noOverwriteDirNonDir"), ex.query().bool("copyUIDGID"));
        containers.extractToDir(ex.param(0), path, ex.body(), options);
        ex.respondEmpty(200);
    }

    private void export(Exchange ex) throws Exception {
        containers.inspect(ex.param(0)); // a missing container is a plain 404, before any header goes out
        var out = ex.startChunked(200, "application/x-tar", false, true);
        OutputStream os = out.asOutputStream();
        containers.export(ex.param(0), os);
        os.flush();
        out.end();
    }
}
