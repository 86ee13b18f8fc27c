package berth.registry.server;

import berth.content.Digest;
import berth.registry.auth.Access;
import berth.registry.auth.Decision;
import berth.registry.notify.Event;
import berth.registry.storage.RegistryDigests;
import berth.registry.storage.RegistryError;
import berth.registry.storage.RegistryException;
import berth.registry.storage.RepositoryName;
import berth.registry.storage.UploadStatus;
import berth.registry.storage.Uploads;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads, {@code /v2/<name>/blobs/uploads/[<id>]}: POST starts one (or mounts, or takes the
 * whole blob with {@code ?digest=}), PATCH appends a chunk, PUT closes it with the digest, GET reports
 * how far it got, DELETE cancels it.
 */
final class UploadRoutes {
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");

    private final RegistryContext ctx;

    UploadRoutes(RegistryContext ctx) {
        this.ctx = ctx;
    }

    Response start(Caller caller, RepositoryName repo) {
        Exchange ex = caller.exchange();
        Uploads uploads = ctx.storage().uploads();
        Optional<String> mount = ex.query("mount");
        if (mount.isPresent()) {
            Optional<Response> mounted = mount(caller, repo, mount.get(), ex.query("from"));
            if (mounted.isPresent()) {
                return mounted.get();
            }
            // No such blob to mount, or not allowed: the client gets a session and uploads it.
        }
        Optional<String> digestParam = ex.query("digest");
        if (digestParam.isPresent()) {
            Digest digest = RegistryDigests.parse(digestParam.get());
            UploadStatus session = uploads.start(repo);
            finish(repo, session.id(), digest, Optional.of(ex.body()));
            return created(caller, repo, digest);
        }
        UploadStatus session = uploads.start(repo);
        return progress(HttpResponseStatus.ACCEPTED, repo, session);
    }

    Response status(RepositoryName repo, String id) {
        return progress(HttpResponseStatus.NO_CONTENT, repo, ctx.storage().uploads().status(repo, id));
    }

    Response patch(RepositoryName repo, String id, Exchange ex) {
        OptionalLong expected = OptionalLong.empty();
        Optional<String> range = ex.header(HttpHeaderNames.CONTENT_RANGE);
        if (range.isPresent()) {
            Matcher m = CONTENT_RANGE.matcher(range.get().strip());
            if (!m.matches() || Long.parseLong(m.group(2)) < Long.parseLong(m.group(1))) {
                UploadStatus now = ctx.storage().uploads().status(repo, id);
                return rangeError(repo, now, "invalid Content-Range " + range.get() + " (want START-END)");
            }
            expected = OptionalLong.of(Long.parseLong(m.group(1)));
        }
        try {
            UploadStatus after = ctx.storage().uploads().append(repo, id, expected, ex.body());
            return progress(HttpResponseStatus.ACCEPTED, repo, after);
        } catch (RegistryException e) {
            if (e.code() == RegistryError.UPLOAD_OFFSET_MISMATCH) {
                return rangeError(repo, ctx.storage().uploads().status(repo, id), e.getMessage());
            }
            throw e;
        }
    }

    Response put(Caller caller, RepositoryName repo, String id) {
        Exchange ex = caller.exchange();
        String param = ex.query("digest").orElseThrow(() -> new RegistryException(RegistryError.DIGEST_INVALID,
                "digest invalid: PUT to close an upload needs ?digest=<digest>"));
        Digest digest = RegistryDigests.parse(param);
        ctx.storage().uploads().status(repo, id); // BLOB_UPLOAD_UNKNOWN before anything is read
        finish(repo, id, digest, ex.hasBody() ? Optional.of(ex.body()) : Optional.empty());
        return created(caller, repo, digest);
    }

    Response cancel(RepositoryName repo, String id) {
        ctx.storage().uploads().cancel(repo, id);
        return Response.of(HttpResponseStatus.NO_CONTENT);
    }

    private void finish(RepositoryName repo, String id, Digest digest, Optional<java.io.InputStream> body) {
        try {
            ctx.storage().uploads().finish(repo, id, digest, body);
        } catch (RuntimeException e) {
            // A monolithic or closing request that failed leaves no session for the client to resume.
            try {
                ctx.storage().uploads().cancel(repo, id);
            } catch (RuntimeException gone) {
                e.addSuppressed(gone);
            }
            throw e;
        }
    }

    private Optional<Response> mount(Caller caller, RepositoryName repo, String mount, Optional<String> from) {
        Digest digest;
        RepositoryName source;
        try {
            digest = RegistryDigests.parse(mount);
            source = RepositoryName.of(from.orElse(""));
        } catch (RegistryException e) {
            return Optional.empty();
        }
        Decision may = ctx.auth().check(caller.exchange().header(HttpHeaderNames.AUTHORIZATION),
                Optional.of(Access.repository(source.value(), Access.PULL)), ctx.realmFor(caller.exchange()));
        if (!(may instanceof Decision.Allowed) || !ctx.storage().repositories().mount(source, repo, digest)) {
            return Optional.empty();
        }
        return Optional.of(created(caller, repo, digest));
    }

    private Response created(Caller caller, RepositoryName repo, Digest digest) {
        String location = "/v2/" + repo + "/blobs/" + digest;
        long size = ctx.storage().repositories().statBlob(repo, digest).orElse(0);
        ctx.events().accept(caller.event(Event.PUSH, repo, Optional.of("application/octet-stream"), digest, size, Optional.empty(), location));
        return Response.of(HttpResponseStatus.CREATED)
                .header(HttpHeaderNames.LOCATION, location)
                .header("Docker-Content-Digest", digest.toString());
    }

    private static Response progress(HttpResponseStatus status, RepositoryName repo, UploadStatus s) {
        return Response.of(status)
                .header(HttpHeaderNames.LOCATION, "/v2/" + repo + "/blobs/uploads/" + s.id())
                .header(HttpHeaderNames.RANGE, "0-" + Math.max(0, s.offset() - 1))
                .header("Docker-Upload-UUID", s.id());
    }

    private static Response rangeError(RepositoryName repo, UploadStatus now, String message) {
        return RegistryErrors.error(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "BLOB_UPLOAD_INVALID", message)
                .header(HttpHeaderNames.LOCATION, "/v2/" + repo + "/blobs/uploads/" + now.id())
                .header(HttpHeaderNames.RANGE, "0-" + Math.max(0, now.offset() - 1))
                .header("Docker-Upload-UUID", now.id());
    }
}
