package berth.registry.server;

import berth.content.Digest;
import berth.registry.notify.Event;
import berth.registry.storage.RegistryDigests;
import berth.registry.storage.RegistryError;
import berth.registry.storage.RegistryException;
import berth.registry.storage.RepositoryName;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET}/{@code HEAD}/{@code DELETE /v2/<name>/blobs/<digest>}, with single byte ranges. */
final class BlobRoutes {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final RegistryContext ctx;

    BlobRoutes(RegistryContext ctx) {
        this.ctx = ctx;
    }

    Response get(Caller caller, RepositoryName repo, String reference) {
        Digest digest = RegistryDigests.parse(reference);
        FileChannel file = ctx.storage().repositories().openBlobChannel(repo, digest);
        try {
            long size = file.size();
            Optional<String> range = caller.exchange().header(HttpHeaderNames.RANGE);
            Response r;
            if (range.isPresent() && RANGE.matcher(range.get().strip()).matches()) {
                long[] span = span(range.get().strip(), size);
                if (span == null) {
                    file.close();
                    return RegistryErrors.of(new RegistryException(RegistryError.RANGE_NOT_SATISFIABLE,
                            "range " + range.get() + " is outside the blob of " + size + " bytes"))
                            .header(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
                }
                r = new Response(HttpResponseStatus.PARTIAL_CONTENT, new io.netty.handler.codec.http.DefaultHttpHeaders(),
                        new Response.FileRegion(file, span[0], span[1] - span[0] + 1))
                        .header(HttpHeaderNames.CONTENT_RANGE, "bytes " + span[0] + "-" + span[1] + "/" + size);
            } else {
                r = new Response(HttpResponseStatus.OK, new io.netty.handler.codec.http.DefaultHttpHeaders(), new Response.FileRegion(file, 0, size));
            }
            return r.header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                    .header(HttpHeaderNames.ACCEPT_RANGES, "bytes")
                    .header("Docker-Content-Digest", digest.toString())
                    .header(HttpHeaderNames.ETAG, "\"" + digest + "\"");
        } catch (IOException e) {
            closeQuietly(file);
            throw berth.errors.BerthException.internal("cannot read blob " + digest + ": " + e.getMessage(), e);
        }
    }

    Response delete(Caller caller, RepositoryName repo, String reference) {
        Digest digest = RegistryDigests.parse(reference);
        long size = ctx.storage().repositories().statBlob(repo, digest).orElse(0);
        ctx.storage().repositories().deleteBlob(repo, digest);
        ctx.events().accept(caller.event(Event.DELETE, repo, Optional.empty(), digest, size, Optional.empty(),
                "/v2/" + repo + "/blobs/" + digest));
        return Response.of(HttpResponseStatus.ACCEPTED).header("Docker-Content-Digest", digest.toString());
    }

    /** First and last byte of a {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} range, or null when unsatisfiable. */
    static long[] span(String header, long size) {
        Matcher m = RANGE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                return suffix == 0 || size == 0 ? null : new long[] {Math.max(0, size - suffix), size - 1};
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            return first >= size || last < first ? null : new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
