package berth.api.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Method + path-regex routes, tried in the order added. Image names hold slashes and colons
 * ({@code /images/127.0.0.1:5000/x:v1/json}), so routes capture names greedily up to a known
 * suffix; fixed paths ({@code /images/json}) are added before the patterns that would swallow them.
 */
public final class Router {
    /** Handles one matched request; throws BerthException for expected failures. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange ex) throws Exception;
    }

    private record Route(String method, Pattern pattern, Handler handler) {}

    public record Match(Handler handler, List<String> params) {}

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String regex, Handler handler) {
        routes.add(new Route(method, Pattern.compile("^" + regex + "$"), handler));
        return this;
    }

    public Optional<Match> match(String method, String path) {
        for (Route r : routes) {
            if (!r.method.equals(method)) {
                continue;
            }
            Matcher m = r.pattern.matcher(path);
            if (m.matches()) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(m.group(i) == null ? "" : m.group(i));
                }
                return Optional.of(new Match(r.handler, params));
            }
        }
        return Optional.empty();
    }
}
