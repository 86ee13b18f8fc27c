package berth.registry.server;

import berth.registry.storage.Page;
import berth.registry.storage.RegistryError;
import berth.registry.storage.RegistryException;
import berth.registry.storage.RepositoryName;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code GET /v2/<name>/tags/list} and {@code GET /v2/_catalog}, paged with {@code n}/{@code last} and a {@code Link} to the next page. */
final class ListingRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryContext ctx;

    ListingRoutes(RegistryContext ctx) {
        this.ctx = ctx;
    }

    Response tags(Exchange ex, RepositoryName repo) throws IOException {
        OptionalInt n = pageSize(ex);
        Page page = ctx.storage().repositories().tags(repo, n, ex.query("last"));
        ObjectNode body = JSON.createObjectNode().put("name", repo.value());
        page.items().forEach(body.putArray("tags")::add);
        return withLink(Response.json(HttpResponseStatus.OK, JSON.writeValueAsBytes(body)), "/v2/" + repo + "/tags/list", n, page);
    }

    Response catalog(Exchange ex) throws IOException {
        OptionalInt n = pageSize(ex);
        Page page = ctx.storage().repositories().catalog(n, ex.query("last"));
        ObjectNode body = JSON.createObjectNode();
        page.items().forEach(body.putArray("repositories")::add);
        return withLink(Response.json(HttpResponseStatus.OK, JSON.writeValueAsBytes(body)), "/v2/_catalog", n, page);
    }

    private static Response withLink(Response r, String path, OptionalInt n, Page page) {
        if (page.more() && n.isPresent() && !page.items().isEmpty()) {
            String last = URLEncoder.encode(page.items().getLast(), StandardCharsets.UTF_8);
            r.header("Link", "<" + path + "?n=" + n.getAsInt() + "&last=" + last + ">; rel=\"next\"");
        }
        return r;
    }

    private static OptionalInt pageSize(Exchange ex) {
        Optional<String> n = ex.query("n");
        if (n.isEmpty() || n.get().isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(n.get());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return OptionalInt.of(value);
        } catch (NumberFormatException e) {
            throw new RegistryException(RegistryError.UNSUPPORTED, "invalid number of results requested: n=" + n.get() + " (0 or more)");
        }
    }
}
