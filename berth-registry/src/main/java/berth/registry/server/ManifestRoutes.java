package berth.registry.server;

import berth.content.Digest;
import berth.registry.notify.Event;
import berth.registry.storage.Manifest;
import berth.registry.storage.RegistryDigests;
import berth.registry.storage.RegistryError;
import berth.registry.storage.RegistryException;
import berth.registry.storage.Reference;
import berth.registry.storage.RepositoryName;
import berth.registry.storage.Tag;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /v2/<name>/manifests/<reference>} (GET, HEAD, PUT, DELETE by tag or digest) and the referrers
 * API, {@code GET /v2/<name>/referrers/<digest>}.
 */
final class ManifestRoutes {
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryContext ctx;

    ManifestRoutes(RegistryContext ctx) {
        this.ctx = ctx;
    }

    Response get(Caller caller, RepositoryName repo, String reference) {
        Reference ref = parse(reference);
        Manifest m = ctx.storage().repositories().getManifest(repo, ref);
        if (caller.exchange().method().name().equals("GET")) {
            ctx.events().accept(caller.event(Event.PULL, repo, Optional.of(m.mediaType()), m.digest(), m.content().length, tagOf(ref),
                    "/v2/" + repo + "/manifests/" + m.digest()));
        }
        return Response.json(HttpResponseStatus.OK, m.mediaType(), m.content())
                .header("Docker-Content-Digest", m.digest().toString())
                .header(HttpHeaderNames.ETAG, "\"" + m.digest() + "\"");
    }

    Response put(Caller caller, RepositoryName repo, String reference) throws IOException {
        Reference ref = parse(reference);
        int limit = ctx.limits().maxManifestSize();
        byte[] content = caller.exchange().body().readNBytes(limit + 1);
        if (content.length > limit) {
            throw new RegistryException(RegistryError.TOO_LARGE, "manifest exceeds the limit of " + limit + " bytes");
        }
        ManifestDocument doc = ManifestDocument.parse(content, caller.exchange().header(HttpHeaderNames.CONTENT_TYPE));
        Digest digest = ctx.storage().repositories().putManifest(repo, ref, content, doc.mediaType(), doc.references(), doc.subject());
        String location = "/v2/" + repo + "/manifests/" + digest;
        ctx.events().accept(caller.event(Event.PUSH, repo, Optional.of(doc.mediaType()), digest, content.length, tagOf(ref), location));
        Response r = Response.of(HttpResponseStatus.CREATED)
                .header(HttpHeaderNames.LOCATION, location)
                .header("Docker-Content-Digest", digest.toString());
        doc.subject().ifPresent(s -> r.header("OCI-Subject", s.toString()));
        return r;
    }

    Response delete(Caller caller, RepositoryName repo, String reference) {
        Reference ref = parse(reference);
        Digest digest = ctx.storage().repositories().resolve(repo, ref);
        switch (ref) {
            case Reference.ByDigest(Digest d) -> ctx.storage().repositories().deleteManifest(repo, d);
            case Reference.ByTag(Tag t) -> ctx.storage().repositories().deleteTag(repo, t);
        }
        ctx.events().accept(caller.event(Event.DELETE, repo, Optional.empty(), digest, 0, tagOf(ref),
                "/v2/" + repo + "/manifests/" + reference));
        return Response.of(HttpResponseStatus.ACCEPTED);
    }

    /** The manifests whose subject is {@code reference}, as an OCI index, optionally only of one artifact type. */
    Response referrers(Exchange ex, RepositoryName repo, String reference) throws IOException {
        Digest subject = RegistryDigests.parse(reference);
        Optional<String> artifactType = ex.query("artifactType");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
        ArrayNode list = index.putArray("manifests");
        if (ctx.storage().repositories().exists(repo)) {
            for (Digest d : ctx.storage().repositories().referrers(repo, subject)) {
                Manifest m;
                try {
                    m = ctx.storage().repositories().getManifest(repo, Reference.parse(d.toString()));
                } catch (RegistryException gone) {
                    continue; // deleted since the listing
                }
                ManifestDocument doc = ManifestDocument.parse(m.content(), Optional.of(m.mediaType()));
                if (artifactType.isPresent() && !artifactType.equals(doc.artifactType())) {
                    continue;
                }
                ObjectNode desc = list.addObject().put("mediaType", m.mediaType()).put("digest", d.toString()).put("size", m.content().length);
                doc.artifactType().ifPresent(t -> desc.put("artifactType", t));
                doc.annotations().ifPresent(a -> desc.set("annotations", a));
            }
        }
        Response r = Response.json(HttpResponseStatus.OK, OCI_INDEX, JSON.writeValueAsBytes(index));
        if (artifactType.isPresent()) {
            r.header("OCI-Filters-Applied", "artifactType");
        }
        return r;
    }

    private static Reference parse(String reference) {
        return Reference.parse(reference);
    }

    private static Optional<String> tagOf(Reference ref) {
        return ref instanceof Reference.ByTag(Tag t) ? Optional.of(t.value()) : Optional.empty();
    }
}
