package berth.api.routes;

import berth.api.http.Router;
import berth.errors.BerthException;

/**
 * Endpoints Docker has and berth does not yet: a clear 501 instead of "page not found", so a user
 * learns the feature is missing rather than that their client is broken.
 */
public final class UnimplementedRoutes {
    private record Missing(String method, String regex, String feature) {}

    private static final Missing[] MISSING = {
        new Missing("POST", "/build", "build"),
        new Missing("POST", "/build/prune", "build cache prune"),
        new Missing("(GET|POST)", "/images/search", "image search"),
        new Missing("GET", "/distribution/(.+)/json", "registry lookups"),
    };

    private UnimplementedRoutes() {}

    public static void register(Router r) {
        // Without a network service (test fakes) and with no plugins, looking one up is "not found", as
        // Docker answers for an unknown one; `docker inspect NAME` walks exactly this chain. With one,
        // NetworkRoutes answers first.
        r.add("GET", "/networks/([^/]+)", ex -> {
            throw BerthException.notFound("network " + ex.param(0) + " not found");
        });
        r.add("GET", "/plugins/(.+)/json", ex -> {
            throw BerthException.notFound("plugin \"" + ex.param(0) + "\" not found");
        });
        for (Missing m : MISSING) {
            for (String method : m.method().replaceAll("[()]", "").split("\\|")) {
                r.add(method, m.regex(), ex -> {
                    throw BerthException.notImplemented(m.feature() + " is not implemented in berth yet ("
                            + ex.method() + " " + ex.rawPath() + ")");
                });
            }
        }
    }
}
