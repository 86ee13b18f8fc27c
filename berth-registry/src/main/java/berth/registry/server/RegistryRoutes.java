package berth.registry.server;

import berth.errors.BerthException;
import berth.registry.auth.Access;
import berth.registry.auth.Decision;
import berth.registry.storage.RegistryException;
import berth.registry.storage.RepositoryName;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution API's URL space: matches a request to its route, checks that the caller may have
 * the access the route needs (before any body is read), runs it, and turns every failure into the
 * spec's error answer. Runs on the request's virtual thread.
 */
final class RegistryRoutes implements Consumer<Exchange> {
    private static final System.Logger LOG = System.getLogger(RegistryRoutes.class.getName());
    private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/?");
    private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/([^/]+)");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
    private static final Pattern REFERRERS = Pattern.compile("/v2/(.+)/referrers/([^/]+)");

    private final RegistryContext ctx;
    private final BlobRoutes blobs;
    private final UploadRoutes uploads;
    private final ManifestRoutes manifests;
    private final ListingRoutes listings;
    private final Optional<TokenRoute> token;

    RegistryRoutes(RegistryContext ctx, Optional<TokenRoute> token) {
        this.ctx = ctx;
        this.blobs = new BlobRoutes(ctx);
        this.uploads = new UploadRoutes(ctx);
        this.manifests = new ManifestRoutes(ctx);
        this.listings = new ListingRoutes(ctx);
        this.token = token;
    }

    @Override
    public void accept(Exchange ex) {
        Response r;
        try {
            r = route(ex);
        } catch (RegistryException e) {
            r = RegistryErrors.of(e);
        } catch (BerthException e) {
            if (e.kind() == berth.errors.ErrorKind.INTERNAL) {
                LOG.log(System.Logger.Level.ERROR, ex.method() + " " + ex.path() + ": " + e.getMessage(), e);
            }
            r = RegistryErrors.of(e);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, ex.method() + " " + ex.path() + " failed", e);
            r = RegistryErrors.internal(e);
        }
        try {
            ex.send(r);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot answer " + ex.method() + " " + ex.path(), e);
            ex.abort();
        }
    }

    private Response route(Exchange ex) throws IOException {
        String path = ex.path();
        HttpMethod method = ex.method();
        if (path.equals("/token")) {
            if (token.isEmpty()) {
                return RegistryErrors.notFound("no token service here: auth.token is not configured");
            }
            if (method.equals(HttpMethod.POST)) {
                return token.get().post(ex);
            }
            return method.equals(HttpMethod.GET) ? token.get().get(ex) : RegistryErrors.unsupported("the token service answers GET and POST");
        }
        if (path.equals("/v2") || path.equals("/v2/")) {
            return authorized(ex, Optional.empty(), c -> Response.json(HttpResponseStatus.OK, "{}".getBytes(StandardCharsets.UTF_8)));
        }
        if (path.equals("/v2/_catalog")) {
            requireMethod(method, HttpMethod.GET);
            return authorized(ex, Optional.of(Access.catalog()), c -> listings.catalog(ex));
        }
        Matcher m;
        if ((m = UPLOAD.matcher(path)).matches()) {
            RepositoryName repo = RepositoryName.of(m.group(1));
            String id = m.group(2);
            Access push = Access.repository(repo.value(), Access.PULL, Access.PUSH);
            return switch (method.name()) {
                case "GET", "HEAD" -> authorized(ex, Optional.of(push), c -> uploads.status(repo, id));
                case "PATCH" -> authorized(ex, Optional.of(push), c -> uploads.patch(repo, id, ex));
                case "PUT" -> authorized(ex, Optional.of(push), c -> uploads.put(c, repo, id));
                case "DELETE" -> authorized(ex, Optional.of(push), c -> uploads.cancel(repo, id));
                default -> notAllowed(method, path);
            };
        }
        if ((m = UPLOADS.matcher(path)).matches()) {
            RepositoryName repo = RepositoryName.of(m.group(1));
            requireMethod(method, HttpMethod.POST);
            return authorized(ex, Optional.of(Access.repository(repo.value(), Access.PULL, Access.PUSH)), c -> uploads.start(c, repo));
        }
        if ((m = BLOB.matcher(path)).matches()) {
            RepositoryName repo = RepositoryName.of(m.group(1));
            String digest = m.group(2);
            return switch (method.name()) {
                case "GET", "HEAD" -> authorized(ex, Optional.of(Access.repository(repo.value(), Access.PULL)), c -> blobs.get(c, repo, digest));
                case "DELETE" -> authorized(ex, Optional.of(Access.repository(repo.value(), Access.DELETE)), c -> blobs.delete(c, repo, digest));
                default -> notAllowed(method, path);
            };
        }
        if ((m = MANIFEST.matcher(path)).matches()) {
            RepositoryName repo = RepositoryName.of(m.group(1));
            String reference = m.group(2);
            return switch (method.name()) {
                case "GET", "HEAD" -> authorized(ex, Optional.of(Access.repository(repo.value(), Access.PULL)), c -> manifests.get(c, repo, reference));
                case "PUT" -> authorized(ex, Optional.of(Access.repository(repo.value(), Access.PULL, Access.PUSH)), c -> manifests.put(c, repo, reference));
                case "DELETE" -> authorized(ex, Optional.of(Access.repository(repo.value(), Access.DELETE)), c -> manifests.delete(c, repo, reference));
                default -> notAllowed(method, path);
            };
        }
        if ((m = TAGS.matcher(path)).matches()) {
            RepositoryName repo = RepositoryName.of(m.group(1));
            requireMethod(method, HttpMethod.GET);
            return authorized(ex, Optional.of(Access.repository(repo.value(), Access.PULL)), c -> listings.tags(ex, repo));
        }
        if ((m = REFERRERS.matcher(path)).matches()) {
            RepositoryName repo = RepositoryName.of(m.group(1));
            String digest = m.group(2);
            requireMethod(method, HttpMethod.GET);
            return authorized(ex, Optional.of(Access.repository(repo.value(), Access.PULL)), c -> manifests.referrers(ex, repo, digest));
        }
        return RegistryErrors.notFound("no such endpoint: " + method + " " + path);
    }

    /** A route body that may do I/O. */
    private interface Route {
        Response run(Caller caller) throws IOException;
    }

    private Response authorized(Exchange ex, Optional<Access> needed, Route route) throws IOException {
        Decision decision = ctx.auth().check(ex.header(HttpHeaderNames.AUTHORIZATION), needed, ctx.realmFor(ex));
        return switch (decision) {
            case Decision.Allowed(Optional<String> user) -> route.run(new Caller(ex, user));
            case Decision.Unauthorized(String challenge, String message) -> RegistryErrors.unauthorized(challenge, message);
            case Decision.Denied(String message) -> RegistryErrors.denied(message);
        };
    }

    private static void requireMethod(HttpMethod actual, HttpMethod wanted) {
        boolean headForGet = wanted.equals(HttpMethod.GET) && actual.equals(HttpMethod.HEAD);
        if (!actual.equals(wanted) && !headForGet) {
            throw new RegistryException(berth.registry.storage.RegistryError.UNSUPPORTED, "method " + actual + " not allowed here (use " + wanted + ")");
        }
    }

    private static Response notAllowed(HttpMethod method, String path) {
        return RegistryErrors.unsupported("method " + method + " not allowed on " + path);
    }
}
