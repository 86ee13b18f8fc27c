package berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Engine API client the berth CLI uses. Every request opens its own connection to the daemon's
 * unix socket. The API version is negotiated once, lazily, as the docker CLI does it: {@code HEAD
 * /_ping} (GET if HEAD is refused), then {@code min(Api-Version header, MAX_API_VERSION)}, or 1.24
 * when the daemon sends no header; every later request carries the {@code /vX.Y} prefix.
 *
 * <p>Example: {@code new DaemonClient(DaemonAddress.parse("unix:///run/berth/berth.sock"))
 * .getJson("/containers/json", Query.of().flag("all", true))}.
 *
 * <p>Methods throw {@link DaemonErrorException} for an error status (with the daemon's message),
 * {@link DaemonUnreachableException} when nothing listens, and {@link ClientException} for protocol
 * failures.
 */
public final class DaemonClient {
    /** The newest API version this client speaks (the docker CLI 28 it mirrors speaks 1.50). */
    public static final ApiVersion MAX_API_VERSION = new ApiVersion(1, 50);
    /** What the docker CLI assumes when a daemon sends no Api-Version header. */
    public static final ApiVersion FALLBACK_API_VERSION = new ApiVersion(1, 24);

    private final DaemonAddress address;
    private volatile Ping ping;

    public DaemonClient(DaemonAddress address) {
        this.address = Objects.requireNonNull(address, "address");
    }

    public DaemonAddress address() {
        return address;
    }

    /** What the daemon said in its ping. */
    public record Ping(ApiVersion daemonApiVersion, ApiVersion negotiated, String osType, String server) {}

    /** Pings the daemon once (later calls return the cached answer). */
    public Ping ping() {
        Ping p = ping;
        if (p == null) {
            p = doPing();
            ping = p;
        }
        return p;
    }

    public ApiVersion apiVersion() {
        return ping().negotiated();
    }

    private Ping doPing() {
        HttpResponse r = sendUnversioned(HttpRequest.of("HEAD", "/_ping"));
        r.close();
        if (r.status() == 404 || r.status() == 405) {
            r = sendUnversioned(HttpRequest.of("GET", "/_ping"));
            r.readAllBytes();
        }
        if (r.status() >= 500) {
            throw new DaemonErrorException(r.status(), "daemon ping failed with status " + r.status());
        }
        ApiVersion daemon = r.header("Api-Version").map(ApiVersion::parse).orElse(null);
        ApiVersion negotiated = daemon == null ? FALLBACK_API_VERSION : ApiVersion.min(daemon, MAX_API_VERSION);
        return new Ping(daemon, negotiated, r.header("Ostype").orElse(""), r.header("Server").orElse(""));
    }

    /** Sends a request under the negotiated version prefix; returns the response whatever its status. */
    public HttpResponse send(HttpRequest request) {
        String target = "/v" + apiVersion() + request.target();
        return sendUnversioned(new HttpRequest(request.method(), target, request.headers(), request.body()));
    }

    private HttpResponse sendUnversioned(HttpRequest request) {
        HttpConnection c = HttpConnection.open(address);
        try {
            return c.exchange(request);
        } catch (IOException e) {
            try {
                c.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ClientException("talking to the daemon at " + address + " failed: " + e.getMessage(), e);
        }
    }

    /** Sends and checks: a non-2xx status becomes a {@link DaemonErrorException}. */
    public HttpResponse call(String method, String path, Query query, RequestBody body) {
        HttpResponse r = send(HttpRequest.of(method, path + query.toQueryString()).withBody(body));
        if (!r.isSuccess()) {
            throw errorFrom(r);
        }
        return r;
    }

    public JsonNode getJson(String path, Query query) {
        return Json.parse(call("GET", path, query, RequestBody.NONE).readAllBytes());
    }

    /** POSTs a JSON body (or none when {@code body} is null) and parses the JSON reply (missing node when empty). */
    public JsonNode postJson(String path, Query query, Object body) {
        RequestBody rb = body == null ? RequestBody.NONE : new RequestBody.Bytes("application/json", Json.bytes(body));
        return Json.parse(call("POST", path, query, rb).readAllBytes());
    }

    public JsonNode delete(String path, Query query) {
        return Json.parse(call("DELETE", path, query, RequestBody.NONE).readAllBytes());
    }

    /** The header that carries registry credentials to the daemon (base64url JSON, see {@link berth.client.auth.AuthConfig}). */
    public static final String REGISTRY_AUTH_HEADER = "X-Registry-Auth";

    /**
     * Pulls: {@code POST /images/create?fromImage=&tag=[&platform=]} with the registry credentials.
     * Returns the open JSON progress stream; a refusal before the stream starts (unknown manifest,
     * bad credentials) is a {@link DaemonErrorException}.
     *
     * @param tag a tag or a digest ({@code sha256:…}); null to leave it out
     */
    public HttpResponse pullImage(String fromImage, String tag, String platform, String registryAuth) {
        Query q = Query.of().add("fromImage", fromImage).addIfPresent("tag", tag).addIfPresent("platform", platform);
        return callWithAuth("POST", "/images/create" + q.toQueryString(), registryAuth);
    }

    /** Pushes: {@code POST /images/{name}/push?tag=}; the open JSON progress stream. A null tag pushes every tag. */
    public HttpResponse pushImage(String name, String tag, String registryAuth) {
        Query q = Query.of().addIfPresent("tag", tag);
        return callWithAuth("POST", "/images/" + Query.pathSegment(name) + "/push" + q.toQueryString(), registryAuth);
    }

    /** The header that carries every stored login to a build (base64url JSON of registry → AuthConfig). */
    public static final String REGISTRY_CONFIG_HEADER = "X-Registry-Config";

    /**
     * Builds: {@code POST /build} with the context uploaded as {@code body} (a tar, chunked). Returns the open
     * JSON stream; a refusal before the build printed anything (a bad query, a bad Dockerfile) is a
     * {@link DaemonErrorException}.
     */
    public HttpResponse build(Query query, String registryConfig, RequestBody body) {
        HttpResponse r = send(HttpRequest.of("POST", "/build" + query.toQueryString()).withBody(body)
                .withHeader(REGISTRY_CONFIG_HEADER, registryConfig));
        if (!r.isSuccess()) {
            throw errorFrom(r);
        }
        return r;
    }

    /** {@code POST /auth}: the daemon checks the credentials with the registry; {@code {"Status","IdentityToken"}}. */
    public JsonNode login(berth.client.auth.AuthConfig credentials) {
        return postJson("/auth", Query.of(), credentials.toJson());
    }

    /** {@code GET /distribution/{name}/json}: the registry's descriptor and platforms for a reference. */
    public JsonNode distributionInspect(String reference, String registryAuth) {
        return Json.parse(callWithAuth("GET", "/distribution/" + Query.pathSegment(reference) + "/json", registryAuth)
                .readAllBytes());
    }

    private HttpResponse callWithAuth(String method, String target, String registryAuth) {
        HttpResponse r = send(HttpRequest.of(method, target).withHeader(REGISTRY_AUTH_HEADER, registryAuth));
        if (!r.isSuccess()) {
            throw errorFrom(r);
        }
        return r;
    }

    /**
     * Opens a hijacked session (attach, exec start): sends {@code Connection: Upgrade}/{@code
     * Upgrade: tcp} and expects 101. A 200 reply is accepted too (older daemons stream the raw
     * bytes then close).
     */
    public HijackedStream hijack(String path, Query query, RequestBody body) {
        String target = "/v" + apiVersion() + path + query.toQueryString();
        HttpRequest req = HttpRequest.of("POST", target).withBody(body)
                .withHeader("Connection", "Upgrade").withHeader("Upgrade", "tcp");
        HttpConnection c = HttpConnection.open(address);
        try {
            HttpResponse r = c.exchange(req);
            if (r.status() == 101 || r.status() == 200) {
                return new HijackedStream(c);
            }
            throw errorFrom(r);
        } catch (IOException e) {
            try {
                c.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ClientException("attaching to the daemon at " + address + " failed: " + e.getMessage(), e);
        }
    }

    /** Reads an error response's body into a typed exception, closing the response. */
    public static DaemonErrorException errorFrom(HttpResponse r) {
        String text;
        try {
            text = r.readString().strip();
        } catch (RuntimeException e) {
            text = "";
        }
        String message = text;
        if (text.startsWith("{")) {
            try {
                JsonNode m = Json.parse(text.getBytes(StandardCharsets.UTF_8)).path("message");
                if (m.isTextual()) {
                    message = m.asText();
                }
            } catch (ClientException ignored) {
                // not JSON after all: show the raw text
            }
        }
        if (message.isEmpty()) {
            message = "status " + r.status() + (r.reason().isEmpty() ? "" : " " + r.reason());
        }
        return new DaemonErrorException(r.status(), message);
    }
}
