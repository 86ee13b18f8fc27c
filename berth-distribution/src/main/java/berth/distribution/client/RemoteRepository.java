package berth.distribution.client;

import berth.content.Digest;
import berth.distribution.Descriptor;
import berth.distribution.Manifest;
import berth.distribution.ManifestParser;
import berth.distribution.MediaTypes;
import berth.distribution.Scope;
import berth.distribution.VerifyingInputStream;
import berth.distribution.client.RegistryClient.Call;
import berth.distribution.client.RegistryClient.Exchange;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.ImageReference;
import berth.image.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The distribution protocol's operations on one repository ({@code docker.io/library/busybox}) with one
 * set of credentials. Errors are {@link BerthException}s in dockerd's words: NOT_FOUND "manifest for x:y
 * not found: manifest unknown: …", "pull access denied for x, repository does not exist or may require
 * 'docker login': …" (UNAUTHENTICATED for a 401, PERMISSION_DENIED for a 403), INVALID_ARGUMENT for
 * answers that break the protocol (digest mismatch, oversized manifest), UNAVAILABLE when unreachable.
 */
public final class RemoteRepository {
    /** Larger image configs are refused: real ones are a few KiB, and the daemon holds them in memory. */
    public static final int MAX_CONFIG_BYTES = 8 * 1024 * 1024;
    /** Resumes of one blob download after the connection broke. */
    static final int MAX_RESUMES = 5;
    /** A blob connection silent this long is given up and resumed (as a read timeout would). */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final RegistryClient client;
    private final ImageReference name;
    private final RegistryCredentials credentials;
    private final List<Scope> pull;
    private final List<Scope> push;

    RemoteRepository(RegistryClient client, ImageReference reference, RegistryCredentials credentials) {
        this.client = client;
        this.name = reference.nameOnly();
        this.credentials = credentials;
        this.pull = List.of(Scope.repository(name.path(), Scope.PULL));
        this.push = List.of(Scope.repository(name.path(), Scope.PULL, Scope.PUSH));
    }

    public ImageReference name() {
        return name;
    }

    // ---- pull ----

    /**
     * Fetches a manifest or index by tag or digest. By digest, the bytes must hash to it; by tag, to the
     * {@code Docker-Content-Digest} the registry sent, when it sent one.
     */
    public Manifest manifest(String tagOrDigest) {
        Exchange ex = client.exchange(name.domain(), credentials,
                Call.of("GET", manifestPath(tagOrDigest), pull).header("Accept", MediaTypes.MANIFEST_ACCEPT));
        byte[] body;
        try {
            if (ex.status() != 200) {
                throw pullError(ex, tagOrDigest);
            }
            body = ex.body(ManifestParser.MAX_MANIFEST_BYTES, "manifest for " + show(tagOrDigest));
        } catch (IOException e) {
            throw broken("manifest for " + show(tagOrDigest), e);
        }
        Digest actual = Digest.sha256(body);
        Optional<Digest> expected = isDigest(tagOrDigest) ? Optional.of(Digest.parse(tagOrDigest))
                : ex.header("Docker-Content-Digest").flatMap(RemoteRepository::parseDigest);
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw BerthException.invalid("manifest for " + show(tagOrDigest) + " has digest " + actual
                    + ", but the registry named it " + expected.get() + ": refusing it");
        }
        return ManifestParser.parse(body, ex.header("Content-Type").orElse(null));
    }

    /** Tag lists are small JSON documents; a page larger than this is refused. */
    private static final int MAX_TAGS_PAGE_BYTES = 4 * 1024 * 1024;
    /** Enough pages for any real repository; a registry that links pages in a circle stops here. */
    private static final int MAX_TAG_PAGES = 1000;

    /** Every tag of the repository ({@code docker pull -a}), following the registry's {@code Link} pages. */
    public List<String> tags() {
        List<String> tags = new java.util.ArrayList<>();
        String path = "v2/" + name.path() + "/tags/list";
        for (int page = 0; path != null && page < MAX_TAG_PAGES; page++) {
            Exchange ex = client.exchange(name.domain(), credentials, Call.of("GET", path, pull));
            try {
                if (ex.status() != 200) {
                    throw pullError(ex, "tags");
                }
                byte[] body = ex.body(MAX_TAGS_PAGE_BYTES, "tag list of " + name.familiarName());
                com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
                doc.path("tags").forEach(t -> tags.add(t.asText()));
                path = ex.header("Link").map(RemoteRepository::nextPage).orElse(null);
            } catch (IOException e) {
                throw broken("tag list of " + name.familiarName(), e);
            }
        }
        return tags;
    }

    /** The target of {@code Link: </v2/x/tags/list?n=100&last=b>; rel="next"}, relative to the registry. */
    static String nextPage(String link) {
        int open = link.indexOf('<');
        int close = link.indexOf('>');
        if (open < 0 || close < open || !link.contains("rel=\"next\"")) {
            return null;
        }
        String target = link.substring(open + 1, close);
        return target.startsWith("/") ? target.substring(1) : target;
    }

    /** The descriptor of a manifest without its body (HEAD); empty when the registry does not have it. */
    public Optional<Descriptor> manifestDescriptor(String tagOrDigest) {
        Exchange ex = client.exchange(name.domain(), credentials,
                Call.of("HEAD", manifestPath(tagOrDigest), pull).header("Accept", MediaTypes.MANIFEST_ACCEPT));
        ex.discard();
        if (ex.status() == 404) {
            return Optional.empty();
        }
        if (ex.status() != 200) {
            throw pullError(ex.status(), new byte[0], tagOrDigest);
        }
        Optional<Digest> digest = ex.header("Docker-Content-Digest").flatMap(RemoteRepository::parseDigest);
        long size = ex.response().headers().firstValueAsLong("Content-Length").orElse(-1);
        String type = MediaTypes.essence(ex.header("Content-Type").orElse(""));
        if (digest.isEmpty() || size < 0 || type.isEmpty()) {
            // a registry that does not describe its HEAD answers: the body tells
            Manifest m = manifest(tagOrDigest);
            return Optional.of(m.descriptor());
        }
        return Optional.of(Descriptor.of(type, digest.get(), size));
    }

    /** A small blob (an image config) in memory, verified; INVALID_ARGUMENT when larger than {@code limit}. */
    public byte[] blob(Descriptor descriptor, int limit) {
        if (descriptor.size() > limit) {
            throw BerthException.invalid("blob " + descriptor.digest() + " of " + descriptor.size()
                    + " bytes exceeds the limit of " + limit + " bytes");
        }
        try (VerifyingInputStream in = openBlob(descriptor)) {
            byte[] data = in.readAllBytes();
            if (!in.isVerified()) {
                throw BerthException.invalid("blob " + descriptor.digest() + " was not verified");
            }
            return data;
        } catch (IOException e) {
            throw broken("blob " + descriptor.digest(), e);
        }
    }

    /**
     * Streams a blob, resuming with {@code Range} requests when the connection breaks (a server that
     * ignores the range is read past the bytes already had). The stream fails at EOF unless size and
     * digest match the descriptor, and fails as soon as it would exceed the size.
     */
    public VerifyingInputStream openBlob(Descriptor descriptor) {
        String path = "v2/" + name.path() + "/blobs/" + descriptor.digest();
        Exchange first = client.exchange(name.domain(), credentials, Call.of("GET", path, pull));
        if (first.status() != 200) {
            RuntimeException error = blobError(first, descriptor.digest());
            throw error;
        }
        ResumingInputStream.Opener opener = offset -> {
            Exchange ex = client.exchange(name.domain(), credentials,
                    Call.of("GET", path, pull).header("Range", "bytes=" + offset + "-"));
            InputStream body = ex.response().body();
            if (ex.status() == 206) {
                String range = ex.header("Content-Range").orElse("");
                if (!range.startsWith("bytes " + offset + "-")) {
                    body.close();
                    throw new IOException("registry answered range " + offset + "- with Content-Range \"" + range + "\"");
                }
                return body;
            }
            if (ex.status() == 200) {
                body.skipNBytes(offset);
                return body;
            }
            ex.discard();
            throw new IOException("resuming blob " + descriptor.digest() + " at byte " + offset + ": HTTP " + ex.status());
        };
        InputStream resuming = new ResumingInputStream(opener, first.response().body(), descriptor.size(), MAX_RESUMES, client.stallTimeout());
        return new VerifyingInputStream(resuming, descriptor.digest(), descriptor.size());
    }

    // ---- push ----

    /** Whether the registry has the blob in this repository (HEAD). */
    public boolean blobExists(Digest digest) {
        Exchange ex = client.exchange(name.domain(), credentials,
                Call.of("HEAD", "v2/" + name.path() + "/blobs/" + digest, push).forPush());
        ex.discard();
        return switch (ex.status()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw pushError(ex.status(), new byte[0], "checking blob " + digest);
        };
    }

    /**
     * Asks the registry to link a blob from another repository of the same registry (cross-repository
     * mount). False when it declined (it then opened an upload, which is cancelled).
     */
    public boolean mountBlob(Digest digest, String fromPath) {
        List<Scope> scopes = List.of(Scope.repository(name.path(), Scope.PULL, Scope.PUSH), Scope.repository(fromPath, Scope.PULL));
        String path = "v2/" + name.path() + "/blobs/uploads/?mount=" + digest + "&from=" + RegistryClient.encode(fromPath);
        Exchange ex = client.exchange(name.domain(), credentials,
                new Call("POST", path, java.util.Map.of(), HttpRequest.BodyPublishers::noBody, scopes, true, Optional.empty()));
        byte[] body = readQuietly(ex);
        if (ex.status() == 201) {
            return true;
        }
        if (ex.status() == 202) {
            ex.header("Location").ifPresent(l -> client.exchangeAt(ex.endpoint(), credentials,
                    Call.of("DELETE", "", push).forPush(), location(ex, l)).discard());
            return false;
        }
        throw pushError(ex.status(), body, "mounting blob " + digest + " from " + fromPath);
    }

    /**
     * Uploads a blob: in one PUT when it fits in {@code chunkSize}, else in PATCH chunks of that size (or of
     * the registry's {@code OCI-Chunk-Min-Length}, when larger) then a
     * closing PUT. {@code content} is opened again when a request must be repeated.
     */
    public void uploadBlob(Digest digest, long size, Supplier<InputStream> content, long chunkSize) {
        Exchange start = client.exchange(name.domain(), credentials,
                Call.of("POST", "v2/" + name.path() + "/blobs/uploads/", push).forPush());
        byte[] startBody = readQuietly(start);
        if (start.status() != 202) {
            throw pushError(start.status(), startBody, "starting the upload of " + digest);
        }
        URI location = location(start, start.header("Location").orElseThrow(
                () -> BerthException.invalid("registry started an upload without a Location")));
        long chunkLength = Math.max(chunkSize, minChunkLength(start));
        if (size > chunkLength) {
            try (InputStream in = content.get()) {
                long offset = 0;
                while (offset < size) {
                    byte[] chunk = in.readNBytes((int) Math.min(chunkLength, size - offset));
                    if (chunk.length == 0) {
                        throw BerthException.invalid("blob " + digest + " ended after " + offset + " of " + size + " bytes");
                    }
                    Call patch = Call.of("PATCH", "", push).forPush()
                            .header("Content-Type", "application/octet-stream")
                            .header("Content-Range", offset + "-" + (offset + chunk.length - 1))
                            .body(() -> HttpRequest.BodyPublishers.ofByteArray(chunk));
                    Exchange ex = client.exchangeAt(start.endpoint(), credentials, patch, location);
                    byte[] answer = readQuietly(ex);
                    if (ex.status() != 202) {
                        throw pushError(ex.status(), answer, "uploading blob " + digest);
                    }
                    location = location(ex, ex.header("Location").orElse(location.toString()));
                    offset += chunk.length;
                }
            } catch (IOException e) {
                throw broken("blob " + digest, e);
            }
            finish(start, location, digest, HttpRequest.BodyPublishers::noBody, 0);
        } else {
            finish(start, location, digest, () -> HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(content), size), size);
        }
    }

    /** A registry may refuse chunks (all but the last) smaller than its {@code OCI-Chunk-Min-Length}. */
    private static long minChunkLength(Exchange start) {
        try {
            return Math.min(start.response().headers().firstValueAsLong("OCI-Chunk-Min-Length").orElse(0), Integer.MAX_VALUE - 8);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void finish(Exchange start, URI location, Digest digest, Supplier<HttpRequest.BodyPublisher> body, long size) {
        String sep = location.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(location + sep + "digest=" + RegistryClient.encode(digest.toString()));
        Call call = Call.of("PUT", "", push).forPush().header("Content-Type", "application/octet-stream").body(body);
        Exchange ex = client.exchangeAt(start.endpoint(), credentials, call, put);
        byte[] answer = readQuietly(ex);
        if (ex.status() != 201) {
            throw pushError(ex.status(), answer, "uploading blob " + digest);
        }
    }

    /** Stores a manifest under a tag or its digest; returns the digest of the bytes sent. */
    public Digest putManifest(String tagOrDigest, String mediaType, byte[] body) {
        Call call = Call.of("PUT", manifestPath(tagOrDigest), push).forPush().header("Content-Type", mediaType)
                .body(() -> HttpRequest.BodyPublishers.ofByteArray(body));
        Exchange ex = client.exchange(name.domain(), credentials, call);
        byte[] answer = readQuietly(ex);
        if (ex.status() != 201) {
            throw pushError(ex.status(), answer, "putting manifest " + show(tagOrDigest));
        }
        return Digest.sha256(body);
    }

    // ---- errors ----

    private BerthException pullError(Exchange ex, String reference) {
        return pullError(ex.status(), readQuietly(ex), reference);
    }

    private BerthException pullError(int status, byte[] body, String reference) {
        RegistryErrors errors = RegistryErrors.parse(status, body);
        String familiar = name.familiarName();
        if (status == 404 && !errors.has("NAME_UNKNOWN")) {
            return new BerthException(ErrorKind.NOT_FOUND, "manifest for " + show(reference) + " not found: "
                    + (errors.errors().isEmpty() ? "manifest unknown: manifest unknown" : errors.describe()));
        }
        if (status == 401 || status == 403 || status == 404) {
            return new BerthException(errors.kind(), "pull access denied for " + familiar
                    + ", repository does not exist or may require 'docker login': " + errors.describe());
        }
        return errors.toException("error from registry " + name.domain() + " for " + show(reference) + ": ");
    }

    private BerthException blobError(Exchange ex, Digest digest) {
        RegistryErrors errors = RegistryErrors.parse(ex.status(), readQuietly(ex));
        if (ex.status() == 401 || ex.status() == 403) {
            return new BerthException(errors.kind(), "pull access denied for " + name.familiarName()
                    + ", repository does not exist or may require 'docker login': " + errors.describe());
        }
        return errors.toException("error pulling blob " + digest + " of " + name.familiarName() + ": ");
    }

    private BerthException pushError(int status, byte[] body, String what) {
        RegistryErrors errors = RegistryErrors.parse(status, body);
        if (status == 401 || status == 403) {
            return new BerthException(errors.kind(), errors.describe().startsWith("denied") ? errors.describe()
                    : "denied: requested access to the resource is denied (" + errors.describe() + ")");
        }
        return errors.toException(what + " to " + name.familiarName() + ": ");
    }

    private static BerthException broken(String what, IOException e) {
        return new BerthException(ErrorKind.UNAVAILABLE, "reading " + what + " failed: " + RegistryClient.describe(e), e);
    }

    private static byte[] readQuietly(Exchange ex) {
        try {
            return ex.body(64 * 1024, "error answer");
        } catch (IOException | BerthException e) {
            return new byte[0];
        }
    }

    // ---- names ----

    private String manifestPath(String tagOrDigest) {
        return "v2/" + name.path() + "/manifests/" + tagOrDigest;
    }

    private String show(String tagOrDigest) {
        return name.familiarName() + (isDigest(tagOrDigest) ? "@" : ":") + tagOrDigest;
    }

    private static boolean isDigest(String reference) {
        return reference.contains(":");
    }

    private static Optional<Digest> parseDigest(String header) {
        try {
            return Optional.of(Digest.parse(header.strip()));
        } catch (BerthException e) {
            return Optional.empty();
        }
    }

    private static URI location(Exchange ex, String location) {
        return ex.response().uri().resolve(location);
    }
}
