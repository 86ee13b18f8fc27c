package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Filters;
import berth.api.http.Router;
import berth.api.wire.BuildDtos;
import berth.api.wire.BuildQuery;
import berth.api.wire.RegistryAuth;
import berth.build.BuildCachePruneOptions;
import berth.build.BuildResult;
import berth.build.BuilderService;
import berth.errors.BerthException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /build} (the classic builder, as {@code DOCKER_BUILDKIT=0 docker build} drives it) and
 * {@code POST /build/prune}.
 *
 * <p>A build runs on the request's own virtual thread, never the event loop, and reads the context straight
 * from the request body as it arrives (the body pauses the socket while the builder is behind), so a big
 * context is never held in memory. The query is checked before a byte of the body is read. Until the
 * builder's first output nothing is sent, so a failure that early (a bad Dockerfile, an unknown base image)
 * is a plain HTTP error with its status, as dockerd answers; later failures end the 200 stream with an error
 * line. A client that goes away during the upload fails the build's read of the context; one that goes away
 * later leaves the build to finish unseen (see {@link BuildStream}), so nothing of it is left behind.
 */
public final class BuildRoutes {
    private static final Set<String> PRUNE_FILTERS = Set.of("until", "unused-for", "label", "label!");

    private final BuilderService builder;

    public BuildRoutes(BuilderService builder) {
        this.builder = builder;
    }

    public void register(Router r) {
        r.add("POST", "/build/prune", this::prune);
        r.add("POST", "/build", this::build);
    }

    private void build(Exchange ex) {
        BuildQuery.Parsed parsed = BuildQuery.parse(ex.query(), ex.header(RegistryAuth.CONFIG_HEADER));
        BuildStream stream = new BuildStream(ex.startChunked(200, "application/json", true, true),
                ex.version().atLeast(1, 30), parsed.quiet());
        ex.closeOnDisconnect(stream::clientGone);
        BuildResult result;
        try {
            result = builder.build(parsed.request(), ex.body(), stream);
        } catch (BerthException e) {
            if (!stream.failed(e.getMessage())) {
                throw e;
            }
            return;
        }
        stream.succeeded(result.imageId());
    }

    /**
     * {@code all}, {@code keep-storage} (bytes) and the {@code until} filter (a duration or a time). The
     * {@code label} filters come with {@code docker system prune --filter label=…}: cache entries carry no
     * labels, so {@code label} matches none of them (nothing is pruned) and {@code label!} all of them
     * (dockerd accepts both and ignores them, pruning the whole cache either way).
     */
    private void prune(Exchange ex) {
        Filters f = ex.query().filters().requireOnly(PRUNE_FILTERS);
        if (!f.get("label").isEmpty()) {
            ex.respondJson(200, BuildDtos.PruneReport.of(new berth.build.BuildCachePruneReport(List.of(), 0)));
            return;
        }
        ex.respondJson(200, BuildDtos.PruneReport.of(builder.prune(new BuildCachePruneOptions(ex.query().bool("all"),
                keepStorage(ex.query().get("keep-storage").orElse("")), until(f, Instant.now())))));
    }

    static long keepStorage(String raw) {
        if (raw.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw BerthException.invalid("keep-storage is in bytes and expects an integer, got " + raw);
        }
    }

    /** {@code unused-for} is the older name of {@code until}; dockerd refuses both at once, or two values. */
    static Optional<Instant> until(Filters f, Instant now) {
        List<String> until = f.get("until");
        List<String> unusedFor = f.get("unused-for");
        if (!until.isEmpty() && !unusedFor.isEmpty()) {
            throw BerthException.invalid("conflicting filters: \"until\" and \"unused-for\"");
        }
        List<String> values = until.isEmpty() ? unusedFor : until;
        if (values.size() > 1) {
            throw BerthException.invalid("filters expect only one value");
        }
        return values.stream().findFirst().map(v -> berth.image.ImageFilters.timestamp(v, now));
    }
}
