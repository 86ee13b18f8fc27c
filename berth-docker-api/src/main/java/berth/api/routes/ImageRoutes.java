package berth.api.routes;

import berth.api.http.Dispatcher;
import berth.api.http.Exchange;
import berth.api.http.Filters;
import berth.api.http.QueryParams;
import berth.api.http.Router;
import berth.api.wire.ImageDtos;
import berth.api.wire.ImageMapper;
import berth.container.ContainerService;
import berth.errors.BerthException;
import berth.image.Image;
import berth.image.ImageFilter;
import berth.image.ImageService;
import berth.image.Progress;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code /images/...} endpoints. */
public final class ImageRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("reference", "dangling", "label", "before", "since", "until");
    private static final Set<String> PRUNE_FILTERS = Set.of("dangling", "label", "label!", "until");

    private final ImageService images;
    private final ContainerService containers;
    private final RegistryRoutes registries;

    public ImageRoutes(ImageService images, ContainerService containers) {
        this(images, containers, null);
    }

    /** @param registries pull and push; null when the daemon has no registry client (test fakes) */
    public ImageRoutes(ImageService images, ContainerService containers, RegistryRoutes registries) {
        this.images = images;
        this.containers = containers;
        this.registries = registries;
    }

    public void register(Router r) {
        // fixed paths first: the greedy name patterns below would swallow them
        r.add("GET", "/images/json", this::list);
        r.add("POST", "/images/create", this::create);
        r.add("POST", "/images/load", this::load);
        r.add("GET", "/images/get", ex -> save(ex, ex.query().all("names")));
        r.add("POST", "/images/prune", this::prune);
        r.add("GET", "/images/(.+)/json", ex -> ex.respondJson(200, inspect(ex, ex.param(0))));
        r.add("GET", "/images/(.+)/history", ex -> ex.respondJson(200, ImageMapper.history(images.history(ex.param(0)))));
        r.add("GET", "/images/(.+)/get", ex -> save(ex, List.of(ex.param(0))));
        r.add("POST", "/images/(.+)/tag", this::tag);
        r.add("POST", "/images/(.+)/push", ex -> {
            if (registries == null) {
                throw BerthException.notImplemented("pushing images is not implemented in berth yet (image " + ex.param(0) + ")");
            }
            registries.push(ex);
        });
        r.add("DELETE", "/images/(.+)", this::remove);
    }

    private ImageDtos.Inspect inspect(Exchange ex, String ref) {
        Image img = images.inspect(ref);
        List<java.nio.file.Path> paths;
        try {
            paths = images.layerPaths(img.id());
        } catch (BerthException e) {
            paths = List.of();
        }
        return ImageMapper.inspect(img, paths, ex.version());
    }

    private void list(Exchange ex) {
        ImageFilter filter = imageFilter(ex.query());
        ex.respondJson(200, images.list(filter).stream().map(i -> ImageMapper.summary(i, ex.version())).toList());
    }

    static ImageFilter imageFilter(QueryParams q) {
        Filters f = q.filters().requireOnly(LIST_FILTERS);
        Optional<Boolean> dangling = danglingFilter(f);
        List<String> refs = new ArrayList<>(f.get("reference"));
        // the old ?filter= parameter was a reference glob
        q.nonBlank("filter").ifPresent(refs::add);
        return new ImageFilter(refs, dangling, f.get("label"), f.get("before"), f.get("since"), q.bool("all"));
    }

    private static Optional<Boolean> danglingFilter(Filters f) {
        List<String> d = f.get("dangling");
        if (d.isEmpty()) {
            return Optional.empty();
        }
        String v = d.getFirst().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("true") || v.equals("1")) {
            return Optional.of(true);
        }
        if (v.equals("false") || v.equals("0")) {
            return Optional.of(false);
        }
        throw BerthException.invalid("invalid filter 'dangling=" + d.getFirst() + "' (expected true or false)");
    }

    private void tag(Exchange ex) {
        String repo = ex.query().nonBlank("repo")
                .orElseThrow(() -> BerthException.invalid("repository name must have at least one component (missing ?repo=)"));
        images.tag(ex.param(0), References.familiar(repo), ex.query().get("tag").orElse(""));
        ex.respondEmpty(201);
    }

    private void remove(Exchange ex) {
        var result = images.remove(ex.param(0), ex.query().bool("force"), ex.query().bool("noprune"),
                containers.imageUsage());
        ex.respondJson(200, result.stream().map(ImageMapper::deleteItem).toList());
    }

    private void prune(Exchange ex) {
        Filters f = ex.query().filters().requireOnly(PRUNE_FILTERS);
        boolean all = danglingFilter(f).map(d -> !d).orElse(false);
        List<String> labels = new ArrayList<>();
        f.get("label").forEach(labels::add);
        f.get("label!").forEach(l -> labels.add("!" + l));
        var report = images.prune(all, labels, f.get("until"), containers.imageUsage());
        List<ImageDtos.DeleteItem> deleted = report.deleted().stream().map(ImageMapper::deleteItem).toList();
        ex.respondJson(200, new ImageDtos.PruneReport(deleted.isEmpty() ? null : deleted, report.spaceReclaimed()));
    }

    /** {@code POST /images/create}: import with {@code fromSrc}, pull with {@code fromImage}. */
    private void create(Exchange ex) {
        QueryParams q = ex.query();
        Optional<String> fromSrc = q.nonBlank("fromSrc");
        if (fromSrc.isPresent()) {
            importImage(ex, fromSrc.get());
            return;
        }
        Optional<String> fromImage = q.nonBlank("fromImage");
        if (fromImage.isEmpty()) {
            throw BerthException.invalid("either fromImage or fromSrc must be given");
        }
        if (registries != null) {
            registries.pull(ex);
            return;
        }
        String name = References.familiar(fromImage.get()) + q.nonBlank("tag").map(t -> t.startsWith("sha256:") ? "@" + t : ":" + t).orElse("");
        // docker run answers a 404 from create with a pull: this ends it with a readable reason
        throw BerthException.notFound("pull access denied for " + name
                + ": berth cannot pull from registries yet (not implemented); load the image with 'docker load' or 'docker import'");
    }

    private void importImage(Exchange ex, String fromSrc) {
        if (!fromSrc.equals("-")) {
            throw BerthException.notImplemented("importing from a URL is not implemented in berth (fromSrc=" + fromSrc + "); send the tarball as the request body with fromSrc=-");
        }
        QueryParams q = ex.query();
        Optional<String> reference = q.nonBlank("repo").map(repo -> References.familiar(repo)
                + q.nonBlank("tag").map(t -> ":" + t).orElse(""));
        var out = ex.startChunked(200, "application/json", true, true);
        Image img = images.importTarball(ex.body(), reference, q.all("changes"), q.get("message").orElse(""),
                progressTo(out));
        out.end();
    }

    private void load(Exchange ex) {
        boolean quiet = ex.query().bool("quiet");
        var out = ex.startChunked(200, "application/json", true, true);
        Progress.Listener listener = quiet ? Progress.Listener.NONE : event -> {
            // "Loaded image" lines come from load's result, so only item progress is forwarded here
            if (event instanceof Progress.Item) {
                progressTo(out).on(event);
            }
        };
        List<String> loaded = images.load(ex.body(), listener);
        for (String line : loaded) {
            out.writeJsonLine(ImageDtos.ProgressLine.stream(line.endsWith("\n") ? line : line + "\n"));
        }
        out.end();
    }

    private static Progress.Listener progressTo(Exchange.ChunkedResponse out) {
        return event -> {
            try {
                out.writeJsonLine(berth.api.wire.ProgressLines.of(event, Optional.empty()));
            } catch (RuntimeException gone) {
                // listeners must not throw; a vanished client shows up on the next real write
            }
        };
    }

    private void save(Exchange ex, List<String> names) throws java.io.IOException {
        if (names.isEmpty()) {
            throw BerthException.invalid("no image names given (use ?names=image)");
        }
        for (String n : names) {
            images.inspect(n);
        }
        var out = ex.startChunked(200, "application/x-tar", false, true);
        OutputStream os = out.asOutputStream();
        images.save(names, os);
        os.flush();
        out.end();
    }
}
