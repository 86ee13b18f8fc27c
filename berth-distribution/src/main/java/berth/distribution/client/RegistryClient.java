package berth.distribution.client;

import berth.distribution.AuthChallenge;
import berth.distribution.RegistryHosts;
import berth.distribution.RegistryHosts.Endpoint;
import berth.distribution.Scope;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.ImageReference;
import berth.image.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * HTTP to OCI registries: finding the endpoint that serves a registry ({@link RegistryHosts}: mirrors
 * first for Docker Hub; https, then http for insecure registries), authenticating (anonymous, Basic, and
 * the Bearer token flow of the {@code WWW-Authenticate} challenge, tokens cached per registry and scope
 * set until they expire), following redirects without leaking credentials to other hosts, and turning
 * error answers into {@link BerthException}s. {@link RemoteRepository} has the protocol's operations.
 *
 * <p>One client serves the whole daemon and is thread-safe: HTTP/1.1 on virtual threads.
 */
public final class RegistryClient implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Until the response headers arrive; bodies are read without a deadline, by size limits. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 5;
    /** How long https may still take once http answered, when probing an insecure registry. */
    private static final Duration TLS_GRACE = Duration.ofMillis(1500);
    private static final String USER_AGENT = "berth/0.1 (go-compatible registry client)";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final RegistryHosts hosts;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Made on first use: a daemon that never talks to a registry starts no selector thread and no TLS. */
    private final Lazy verifyingClient;
    private final Lazy unverifiedClient;
    private final Clock clock;
    private final Duration stallTimeout;
    /** Per endpoint base: the challenges its {@code /v2/} answered with (empty: no auth needed). */
    private final Map<URI, List<AuthChallenge>> challenges = new ConcurrentHashMap<>();
    /** Registries whose https endpoint failed while their http endpoint answered: skip the probe. */
    private final Set<String> plainHttp = ConcurrentHashMap.newKeySet();
    /** Insecure registries whose https endpoint answered. */
    private final Set<String> tlsWorks = ConcurrentHashMap.newKeySet();
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> tokenLocks = new ConcurrentHashMap<>();

    public RegistryClient(RegistryHosts hosts) {
        this(hosts, Clock.systemUTC(), RemoteRepository.STALL_TIMEOUT);
    }

    /** @param stallTimeout how long a blob download may receive nothing before it is resumed */
    public RegistryClient(RegistryHosts hosts, Clock clock, Duration stallTimeout) {
        this.hosts = hosts;
        this.clock = clock;
        this.stallTimeout = stallTimeout;
        this.verifyingClient = new Lazy(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build());
        this.unverifiedClient = new Lazy(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(trustAll()).build());
    }

    /** The operations on one repository of a registry, as {@code credentials} allow. */
    public RemoteRepository repository(ImageReference reference, RegistryCredentials credentials) {
        return new RemoteRepository(this, reference, credentials);
    }

    Duration stallTimeout() {
        return stallTimeout;
    }

    // ---- login ----

    /**
     * Checks credentials against {@code domain}'s {@code /v2/}, following its challenge. Returns the
     * identity (refresh) token when a token service issued one. UNAUTHENTICATED, with the registry's
     * words, when refused; UNAVAILABLE when no endpoint answers.
     */
    public Optional<String> login(String domain, RegistryCredentials credentials) {
        IOException lastFailure = null;
        for (Endpoint endpoint : endpoints(domain, true)) {
            try {
                URI ping = endpoint.base().resolve("v2/");
                List<AuthChallenge> found = ping(endpoint);
                Optional<AuthChallenge> bearer = find(found, AuthChallenge.BEARER);
                Optional<String> identity = Optional.empty();
                String authorization;
                if (bearer.isPresent()) {
                    BearerToken token = fetchToken(bearer.get(), List.of(), credentials, true);
                    identity = token.refreshToken();
                    authorization = "Bearer " + token.token();
                } else if (find(found, AuthChallenge.BASIC).isPresent()) {
                    authorization = basic(credentials).orElseThrow(() -> new BerthException(ErrorKind.UNAUTHENTICATED,
                            "Get \"" + ping + "\": no basic auth credentials"));
                } else {
                    return Optional.empty();
                }
                HttpResponse<InputStream> response = send(endpoint, request(ping, "GET", authorization).build());
                byte[] body = readLimited(response, 64 * 1024, "login answer");
                if (response.statusCode() == 200) {
                    return identity;
                }
                if (response.statusCode() == 401) {
                    // dockerd's words for refused credentials
                    throw new BerthException(ErrorKind.UNAUTHENTICATED, "login attempt to " + ping + " failed with status: 401 Unauthorized");
                }
                RegistryErrors errors = RegistryErrors.parse(response.statusCode(), body);
                throw new BerthException(errors.kind(), "Get \"" + ping + "\": " + errors.describe());
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        throw unreachable(domain, lastFailure);
    }

    // ---- requests, for RemoteRepository ----

    /** What to send; {@code body} is asked for again when the request must be repeated after a 401. */
    record Call(String method, String path, Map<String, String> headers, Supplier<HttpRequest.BodyPublisher> body,
                List<Scope> scopes, boolean push, Optional<Duration> timeout) {
        Call {
            headers = Map.copyOf(headers);
            scopes = List.copyOf(scopes);
        }

        static Call of(String method, String path, List<Scope> scopes) {
            return new Call(method, path, Map.of(), HttpRequest.BodyPublishers::noBody, scopes, false, Optional.empty());
        }

        Call header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Call(method, path, h, body, scopes, push, timeout);
        }

        Call body(Supplier<HttpRequest.BodyPublisher> publisher) {
            return new Call(method, path, headers, publisher, scopes, push, timeout);
        }

        Call forPush() {
            return new Call(method, path, headers, body, scopes, true, timeout);
        }
    }

    /** The answer and the endpoint that gave it (relative {@code Location}s resolve against it). */
    record Exchange(HttpResponse<InputStream> response, Endpoint endpoint) {
        int status() {
            return response.statusCode();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** Reads and closes the body, at most {@code limit} bytes (INVALID_ARGUMENT beyond). */
        byte[] body(int limit, String what) throws IOException {
            return readLimited(response, limit, what);
        }

        void discard() {
            RegistryClient.discard(response);
        }
    }

    /**
     * Sends {@code call} to {@code domain}: the first endpoint that can be reached answers (a mirror that
     * lacks the content or fails passes to the next endpoint); authenticates as its challenge asks.
     */
    Exchange exchange(String domain, RegistryCredentials credentials, Call call) {
        IOException lastFailure = null;
        List<Endpoint> candidates = endpoints(domain, call.push());
        for (int i = 0; i < candidates.size(); i++) {
            Endpoint endpoint = candidates.get(i);
            boolean hasNext = i + 1 < candidates.size();
            try {
                List<AuthChallenge> known = ping(endpoint);
                if (endpoint.scheme().equals("http")) {
                    plainHttp.add(domain);
                }
                HttpResponse<InputStream> response = authorizedSend(endpoint, known, credentials, call, endpoint.base().resolve(call.path()));
                int status = response.statusCode();
                if (endpoint.mirror() && hasNext && (status == 404 || status >= 500)) {
                    discard(response);
                    continue;
                }
                return new Exchange(response, endpoint);
            } catch (IOException e) {
                challenges.remove(endpoint.base());
                lastFailure = e;
            }
        }
        throw unreachable(domain, lastFailure);
    }

    /** Sends to an absolute URL given by the registry (an upload {@code Location}), on the same endpoint. */
    Exchange exchangeAt(Endpoint endpoint, RegistryCredentials credentials, Call call, URI target) {
        try {
            return new Exchange(authorizedSend(endpoint, ping(endpoint), credentials, call, target), endpoint);
        } catch (IOException e) {
            throw unreachable(endpoint.base().getRawAuthority(), e);
        }
    }

    private List<Endpoint> endpoints(String domain, boolean push) {
        List<Endpoint> all = hosts.endpoints(domain).stream().filter(e -> !(push && e.mirror())).toList();
        Optional<Endpoint> http = all.stream().filter(e -> e.scheme().equals("http") && !e.mirror()).findFirst();
        Optional<Endpoint> https = all.stream().filter(e -> e.scheme().equals("https") && !e.mirror()).findFirst();
        if (http.isPresent() && https.isPresent() && !plainHttp.contains(domain) && !tlsWorks.contains(domain)) {
            probeInsecure(domain, https.get(), http.get());
        }
        if (http.isPresent() && plainHttp.contains(domain)) {
            return all.stream().filter(e -> e.mirror() || e.scheme().equals("http")).toList();
        }
        return all;
    }

    /**
     * Decides once whether an insecure registry speaks TLS, asking both endpoints at once. A server that
     * speaks plain HTTP may leave a TLS handshake hanging instead of refusing it (Go's server answers,
     * others wait for a request line), so when http answers first, https gets a short grace, not the
     * whole response timeout.
     */
    private void probeInsecure(String domain, Endpoint https, Endpoint http) {
        CompletableFuture<List<AuthChallenge>> tls = pingAsync(https);
        CompletableFuture<List<AuthChallenge>> plain = pingAsync(http);
        try {
            await(CompletableFuture.anyOf(tls, plain), RESPONSE_TIMEOUT);
            if (!tls.isDone()) {
                await(tls, succeeded(plain) ? TLS_GRACE : RESPONSE_TIMEOUT);
            }
            if (!succeeded(tls)) {
                await(plain, RESPONSE_TIMEOUT);
            }
            if (succeeded(tls)) {
                challenges.put(https.base(), tls.join());
                tlsWorks.add(domain);
            } else if (succeeded(plain)) {
                challenges.put(http.base(), plain.join());
                plainHttp.add(domain);
            }
            // neither answered: the request loop tries them in turn and reports why
        } finally {
            tls.cancel(true);
            plain.cancel(true);
        }
    }

    private static boolean succeeded(CompletableFuture<?> f) {
        return f.isDone() && !f.isCompletedExceptionally();
    }

    private static void await(CompletableFuture<?> f, Duration timeout) {
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
            // the caller looks at the futures' states
        }
    }

    private CompletableFuture<List<AuthChallenge>> pingAsync(Endpoint endpoint) {
        URI uri = endpoint.base().resolve("v2/");
        HttpClient http = endpoint.verifyTls() ? verifyingClient.get() : unverifiedClient.get();
        return http.sendAsync(request(uri, "GET", null).build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> r.statusCode() == 401 ? AuthChallenge.parseAll(r.headers().allValues("WWW-Authenticate")) : List.of());
    }

    private HttpResponse<InputStream> authorizedSend(Endpoint endpoint, List<AuthChallenge> known, RegistryCredentials credentials,
                                                     Call call, URI target) throws IOException {
        Optional<String> authorization = authorization(known, credentials, call.scopes(), false);
        HttpResponse<InputStream> response = sendFollowing(endpoint, call, target, authorization);
        if (response.statusCode() != 401) {
            return response;
        }
        List<AuthChallenge> fresh = AuthChallenge.parseAll(response.headers().allValues("WWW-Authenticate"));
        if (fresh.isEmpty() && authorization.isEmpty()) {
            return response;
        }
        List<AuthChallenge> retryWith = fresh.isEmpty() ? known : fresh;
        if (!fresh.isEmpty()) {
            challenges.put(endpoint.base(), fresh);
        }
        Optional<String> second = authorization(retryWith, credentials, call.scopes(), authorization.isPresent());
        boolean bearer = find(retryWith, AuthChallenge.BEARER).isPresent() && credentials.registryToken().isEmpty();
        if (second.isEmpty() && !bearer && find(retryWith, AuthChallenge.BASIC).isPresent()) {
            // dockerd's words for a pull or push from a Basic-auth registry without credentials
            discard(response);
            String method = call.method().charAt(0) + call.method().substring(1).toLowerCase(Locale.ROOT);
            throw new BerthException(ErrorKind.UNAUTHENTICATED, method + " \"" + target + "\": no basic auth credentials");
        }
        if (second.isEmpty() || (second.equals(authorization) && !bearer)) {
            return response;
        }
        discard(response);
        return sendFollowing(endpoint, call, target, second);
    }

    private HttpResponse<InputStream> sendFollowing(Endpoint endpoint, Call call, URI target, Optional<String> authorization)
            throws IOException {
        URI uri = target;
        Optional<String> auth = authorization;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder builder = request(uri, call.method(), auth.orElse(null));
            builder.method(call.method(), call.body().get());
            call.headers().forEach(builder::header);
            call.timeout().ifPresent(builder::timeout);
            HttpResponse<InputStream> response = send(clientFor(uri, endpoint), builder.build());
            boolean readOnly = call.method().equals("GET") || call.method().equals("HEAD");
            Optional<String> location = response.headers().firstValue("Location");
            if (!readOnly || !REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return response;
            }
            discard(response);
            if (hop >= MAX_REDIRECTS) {
                throw BerthException.invalid("registry redirected more than " + MAX_REDIRECTS + " times for " + target);
            }
            URI next = uri.resolve(location.get());
            if (!"https".equalsIgnoreCase(next.getScheme()) && !"http".equalsIgnoreCase(next.getScheme())) {
                throw BerthException.invalid("registry redirected to an unsupported URL: " + next);
            }
            // credentials are for the registry: a blob store elsewhere (S3, a CDN) gets a signed URL instead
            if (!sameOrigin(uri, next)) {
                auth = Optional.empty();
            }
            uri = next;
        }
    }

    private HttpClient clientFor(URI uri, Endpoint endpoint) {
        if (sameOrigin(uri, endpoint.base())) {
            return endpoint.verifyTls() ? verifyingClient.get() : unverifiedClient.get();
        }
        return uri.getRawAuthority() != null && hosts.isInsecure(uri.getRawAuthority()) ? unverifiedClient.get() : verifyingClient.get();
    }

    private List<AuthChallenge> ping(Endpoint endpoint) throws IOException {
        List<AuthChallenge> cached = challenges.get(endpoint.base());
        if (cached != null) {
            return cached;
        }
        URI uri = endpoint.base().resolve("v2/");
        HttpResponse<InputStream> response = send(endpoint, request(uri, "GET", null).build());
        discard(response);
        List<AuthChallenge> found = response.statusCode() == 401
                ? AuthChallenge.parseAll(response.headers().allValues("WWW-Authenticate")) : List.of();
        challenges.put(endpoint.base(), found);
        return found;
    }

    private HttpResponse<InputStream> send(Endpoint endpoint, HttpRequest request) throws IOException {
        return send(endpoint.verifyTls() ? verifyingClient.get() : unverifiedClient.get(), request);
    }

    private static HttpResponse<InputStream> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + request.uri());
        }
    }

    private static HttpRequest.Builder request(URI uri, String method, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).header("User-Agent", USER_AGENT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    // ---- authentication ----

    private Optional<String> authorization(List<AuthChallenge> known, RegistryCredentials credentials, List<Scope> scopes,
                                           boolean refresh) {
        if (!credentials.registryToken().isEmpty()) {
            return Optional.of("Bearer " + credentials.registryToken());
        }
        Optional<AuthChallenge> bearer = find(known, AuthChallenge.BEARER);
        if (bearer.isPresent()) {
            return Optional.of("Bearer " + token(bearer.get(), scopes, credentials, refresh).token());
        }
        if (find(known, AuthChallenge.BASIC).isPresent()) {
            return basic(credentials);
        }
        return Optional.empty();
    }

    private BearerToken token(AuthChallenge challenge, List<Scope> scopes, RegistryCredentials credentials, boolean refresh) {
        List<Scope> all = new ArrayList<>(challenge.scopes());
        all.addAll(scopes);
        String key = challenge.realm().orElse("") + "|" + challenge.service().orElse("") + "|" + credentials.username()
                + "|" + berth.content.Digest.sha256((credentials.password() + "\0" + credentials.identityToken())
                        .getBytes(StandardCharsets.UTF_8)).hex()
                + "|" + Scope.merge(all).stream().map(Scope::toString).collect(Collectors.joining(" "));
        // one fetch per key at a time: parallel layer downloads of one repository share the token
        synchronized (tokenLocks.computeIfAbsent(key, k -> new Object())) {
            BearerToken cached = tokens.get(key);
            if (cached != null && !refresh && cached.usableAt(clock.instant())) {
                return cached;
            }
            BearerToken fresh = fetchToken(challenge, scopes, credentials, false);
            tokens.put(key, fresh);
            return fresh;
        }
    }

    /** Asks the challenge's realm for a token: GET with Basic credentials, or POST with an identity token. */
    private BearerToken fetchToken(AuthChallenge challenge, List<Scope> scopes, RegistryCredentials credentials, boolean offline) {
        URI uri = challenge.tokenUri(scopes);
        HttpRequest.Builder builder;
        if (!credentials.identityToken().isEmpty()) {
            List<Scope> all = new ArrayList<>(challenge.scopes());
            all.addAll(scopes);
            StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=berth&refresh_token=")
                    .append(encode(credentials.identityToken()));
            challenge.service().ifPresent(s -> form.append("&service=").append(encode(s)));
            List<Scope> merged = Scope.merge(all);
            if (!merged.isEmpty()) {
                form.append("&scope=").append(encode(merged.stream().map(Scope::toString).collect(Collectors.joining(" "))));
            }
            String realm = challenge.realm().orElseThrow();
            builder = request(URI.create(realm), "POST", null)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        } else {
            if (offline) {
                String sep = uri.getRawQuery() == null ? "?" : "&";
                uri = URI.create(uri + sep + "offline_token=true&client_id=berth");
            }
            builder = request(uri, "GET", basic(credentials).orElse(null));
        }
        HttpRequest request = builder.build();
        HttpClient client = request.uri().getRawAuthority() != null && hosts.isInsecure(request.uri().getRawAuthority())
                ? unverifiedClient.get() : verifyingClient.get();
        try {
            HttpResponse<InputStream> response = send(client, request);
            byte[] body = readLimited(response, BearerToken.MAX_RESPONSE_BYTES, "token response");
            if (response.statusCode() != 200) {
                RegistryErrors errors = RegistryErrors.parse(response.statusCode(), body);
                ErrorKind kind = response.statusCode() == 401 || response.statusCode() == 403 || response.statusCode() == 400
                        ? ErrorKind.UNAUTHENTICATED : errors.kind();
                throw new BerthException(kind, "Get \"" + challenge.realm().orElse("") + "\": " + errors.describe());
            }
            return BearerToken.parse(body, clock.instant());
        } catch (IOException e) {
            throw new BerthException(ErrorKind.UNAVAILABLE, "cannot get a token from " + challenge.realm().orElse("")
                    + ": " + describe(e), e);
        }
    }

    private static Optional<String> basic(RegistryCredentials credentials) {
        if (credentials.username().isEmpty()) {
            return Optional.empty();
        }
        String pair = credentials.username() + ":" + credentials.password();
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<AuthChallenge> find(List<AuthChallenge> challenges, String scheme) {
        return challenges.stream().filter(c -> c.scheme().equals(scheme)).findFirst();
    }

    // ---- helpers ----

    static byte[] readLimited(HttpResponse<InputStream> response, int limit, String what) throws IOException {
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        try (InputStream in = response.body()) {
            if (declared.isPresent() && declared.getAsLong() > limit) {
                throw BerthException.invalid(what + " of " + declared.getAsLong() + " bytes exceeds the limit of " + limit + " bytes");
            }
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw BerthException.invalid(what + " exceeds the limit of " + limit + " bytes");
            }
            return body;
        }
    }

    static void discard(HttpResponse<InputStream> response) {
        // closing without reading drops the connection; small bodies are read so it can be reused
        try (InputStream in = response.body()) {
            in.readNBytes(64 * 1024);
        } catch (IOException e) {
            // the answer is not needed
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : u.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static BerthException unreachable(String domain, IOException cause) {
        String why = cause == null ? "no endpoint" : describe(cause);
        return new BerthException(ErrorKind.UNAVAILABLE, "cannot reach registry " + domain + ": " + why, cause);
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isEmpty() ? "" : ": " + message);
    }

    private static SSLContext trustAll() {
        // for insecure-registries only: dockerd skips certificate (and host name) checks for them too
        TrustManager none = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {none}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    @Override
    public void close() {
        verifyingClient.close();
        unverifiedClient.close();
        executor.close();
    }

    /** An HTTP client made on first use, once. */
    private static final class Lazy {
        private final java.util.function.Supplier<HttpClient> make;
        private HttpClient client; // guarded by this

        Lazy(java.util.function.Supplier<HttpClient> make) {
            this.make = make;
        }

        synchronized HttpClient get() {
            if (client == null) {
                client = make.get();
            }
            return client;
        }

        synchronized void close() {
            if (client != null) {
                client.close();
            }
        }
    }
}
