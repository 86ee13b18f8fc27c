package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.QueryParams;
import berth.api.http.Router;
import berth.api.wire.ImageDtos;
import berth.api.wire.ProgressLines;
import berth.api.wire.RegistryAuth;
import berth.api.wire.RegistryDtos;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.events.Event;
import berth.events.EventSink;
import berth.image.ImageIngest;
import berth.image.ImageReference;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import berth.image.RegistryService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints that talk to registries: pull ({@code POST /images/create?fromImage=}, reached through
 * {@link ImageRoutes}), push, {@code POST /auth} and {@code GET /distribution/{name}/json}.
 *
 * <p>Pull and push answer with Docker's JSON progress stream. Its headers go out with the first line,
 * so a pull that fails before any progress (unknown manifest, refused credentials) is a plain error
 * with its status code, which the docker CLI prints as "Error response from daemon: …"; a failure
 * later arrives as an {@code errorDetail} line. Both publish Docker's image events ("pull", "push").
 */
public final class RegistryRoutes {
    private final RegistryService registries;
    private final EventSink events;

    public RegistryRoutes(RegistryService registries, EventSink events) {
        this.registries = registries;
        this.events = events;
    }

    public void register(Router r) {
        r.add("POST", "/auth", this::login);
        r.add("GET", "/distribution/(.+)/json", this::distribution);
    }

    /** {@code POST /images/create?fromImage=&tag=&platform=}. */
    void pull(Exchange ex) {
        QueryParams q = ex.query();
        String fromImage = q.nonBlank("fromImage").orElseThrow();
        RegistryCredentials credentials = RegistryAuth.fromHeader(ex.header(RegistryAuth.HEADER));
        ImageReference named = ImageReference.parse(fromImage.strip());
        if (named.isNameOnly() && q.nonBlank("tag").isEmpty()) {
            // the docker CLI always sends a tag, except for `pull -a`: no tag means every tag, as dockerd does
            var out = ex.startChunked(200, "application/json", true, true);
            List<ImageIngest.Committed> pulled = registries.pullAllTags(named.familiarString(), q.nonBlank("platform"),
                    credentials, progressTo(out, Optional.empty()));
            for (ImageIngest.Committed c : pulled) {
                c.image().repoTags().stream().filter(t -> ImageReference.parse(t).nameOnly().equals(named.nameOnly()))
                        .forEach(t -> publish("pull", t));
            }
            out.end();
            return;
        }
        ImageReference ref = pullReference(fromImage, q.nonBlank("tag"));
        Optional<String> heading = ref.digest().map(Digest::toString).or(ref::tag);
        var out = ex.startChunked(200, "application/json", true, true);
        registries.pull(ref.familiarString(), q.nonBlank("platform"), credentials, progressTo(out, heading));
        // published before the stream ends, so a client that reads to the end then asks for events sees it
        publish("pull", ref.familiarString());
        out.end();
    }

    /**
     * The reference a pull names: {@code tag} replaces any tag in {@code fromImage} and may be a
     * digest ({@code fromImage=busybox&tag=sha256:…}); with neither (not {@code pull -a}, which never gets here) {@code latest}.
     */
    static ImageReference pullReference(String fromImage, Optional<String> tag) {
        ImageReference ref = ImageReference.parse(fromImage.strip());
        if (tag.isEmpty()) {
            return ref.withDefaultTag();
        }
        String t = tag.get().strip();
        if (t.contains(":")) {
            Digest digest;
            try {
                digest = Digest.parse(t);
            } catch (RuntimeException e) {
                throw BerthException.invalid("invalid reference format: invalid digest \"" + t + "\"", e);
            }
            return new ImageReference(ref.domain(), ref.path(), Optional.empty(), Optional.of(digest));
        }
        return ref.withTag(t);
    }

    /** {@code POST /images/{name}/push?tag=}. */
    void push(Exchange ex) {
        String name = ex.param(0);
        Optional<String> tag = ex.query().nonBlank("tag");
        ImageReference ref = ImageReference.parse(name);
        if (tag.isPresent()) {
            ref = ref.withTag(tag.get().strip());
        }
        RegistryCredentials credentials = pushCredentials(ex);
        var out = ex.startChunked(200, "application/json", true, true);
        List<RegistryService.PushedManifest> pushed = registries.push(ref.familiarString(), credentials,
                progressTo(out, Optional.empty()));
        for (RegistryService.PushedManifest m : pushed) {
            out.writeJsonLine(ImageDtos.ProgressLine.aux(RegistryDtos.PushResult.of(m)));
        }
        ImageReference repo = ref.nameOnly();
        for (RegistryService.PushedManifest m : pushed) {
            publish("push", m.tag().isEmpty() ? repo.familiarString() : repo.withTag(m.tag()).familiarString());
        }
        out.end();
    }

    /**
     * Push takes its credentials from the header; without one, dockerd reads an AuthConfig from the
     * body (the API's old form) and refuses a request that has neither.
     */
    private static RegistryCredentials pushCredentials(Exchange ex) {
        String header = ex.header(RegistryAuth.HEADER);
        if (header != null) {
            return RegistryAuth.fromHeader(header);
        }
        var body = ex.jsonBody();
        if (body.isMissingNode()) {
            throw BerthException.invalid("bad parameters and missing " + RegistryAuth.HEADER
                    + ": send the registry credentials as the header (base64url of {} for none)");
        }
        return RegistryAuth.fromJson(body, "auth configuration in the request body");
    }

    /** {@code POST /auth}: checks the credentials with the registry. */
    private void login(Exchange ex) {
        RegistryCredentials credentials = RegistryAuth.fromJson(ex.jsonBody(), "auth configuration");
        ex.respondJson(200, RegistryDtos.AuthResponse.of(registries.login(credentials)));
    }

    /** {@code GET /distribution/{name}/json}: what the registry has under a name, nothing pulled. */
    private void distribution(Exchange ex) {
        ImageReference ref = ImageReference.parse(ex.param(0)).withDefaultTag();
        RegistryCredentials credentials = RegistryAuth.fromHeader(ex.header(RegistryAuth.HEADER));
        ex.respondJson(200, RegistryDtos.DistributionInspect.of(registries.inspect(ref.familiarString(), credentials)));
    }

    private static Progress.Listener progressTo(Exchange.ChunkedResponse out, Optional<String> heading) {
        // layers are fetched in parallel: one line at a time on the wire
        return event -> {
            try {
                synchronized (out) {
                    out.writeJsonLine(ProgressLines.of(event, heading));
                }
            } catch (RuntimeException gone) {
                // listeners must not throw; a vanished client shows up on the next real write
            }
        };
    }

    private void publish(String action, String name) {
        events.publish(new Event("image", action, name, Map.of("name", name), Instant.now()));
    }
}
