package berth.events;

import berth.errors.BerthException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filters} of {@code GET /events}: values of one name are alternatives, names combine
 * with AND. Docker's names: type, container (ID, ID prefix or name), image (the image attribute or
 * actor of image events), event (the action, "health_status" matching every health action), label
 * ("key" or "key=value"), daemon, network, volume, scope.
 */
public record EventFilter(Map<String, List<String>> byName) {
    private static final Set<String> NAMES = Set.of("type", "container", "image", "event", "label", "daemon",
            "network", "volume", "scope", "config", "node", "plugin", "secret", "service");

    public EventFilter {
        byName = Map.copyOf(byName);
        for (String name : byName.keySet()) {
            if (!NAMES.contains(name)) {
                throw BerthException.invalid("invalid filter '" + name + "'");
            }
        }
    }

    public static EventFilter none() {
        return new EventFilter(Map.of());
    }

    public boolean matches(Event e) {
        return accepts("type", e.type())
                && acceptsActor("container", "container", e)
                && acceptsActor("network", "network", e)
                && acceptsActor("volume", "volume", e)
                && acceptsAny("daemon", e.type().equals("daemon") ? List.of(e.actorId(),
                        e.attributes().getOrDefault("name", "")) : List.of())
                && acceptsImage(e)
                && acceptsEvent(e.action())
                && accepts("scope", "local")
                && acceptsLabels(e.attributes());
    }

    private boolean accepts(String name, String value) {
        List<String> wanted = byName.get(name);
        return wanted == null || wanted.contains(value);
    }

    private boolean acceptsAny(String name, List<String> values) {
        List<String> wanted = byName.get(name);
        return wanted == null || values.stream().anyMatch(wanted::contains);
    }

    private boolean acceptsActor(String name, String type, Event e) {
        List<String> wanted = byName.get(name);
        if (wanted == null) {
            return true;
        }
        if (!e.type().equals(type)) {
            return false;
        }
        String objectName = e.attributes().getOrDefault("name", "");
        return wanted.stream().anyMatch(w -> w.equals(objectName) || (!w.isEmpty() && e.actorId().startsWith(w)));
    }

    private boolean acceptsImage(Event e) {
        List<String> wanted = byName.get("image");
        if (wanted == null) {
            return true;
        }
        String image = e.type().equals("image") ? e.actorId() : e.attributes().getOrDefault("image", "");
        String imageName = e.attributes().getOrDefault("name", "");
        return wanted.stream().anyMatch(w -> sameImage(w, image) || (e.type().equals("image") && sameImage(w, imageName)));
    }

    /** "busybox" matches "busybox:latest" and the reverse, as Docker's reference matching does. */
    private static boolean sameImage(String wanted, String actual) {
        if (actual.isEmpty()) {
            return false;
        }
        return wanted.equals(actual) || withTag(wanted).equals(withTag(actual))
                || (actual.startsWith("sha256:") && actual.substring(7).startsWith(wanted));
    }

    private static String withTag(String ref) {
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) < 0 && !ref.contains("@") ? ref + ":latest" : ref;
    }

    private boolean acceptsEvent(String action) {
        List<String> wanted = byName.get("event");
        if (wanted == null) {
            return true;
        }
        // "exec_start: sh -c x" and "health_status: healthy" match their bare action too
        int colon = action.indexOf(':');
        String bare = colon < 0 ? action : action.substring(0, colon);
        return wanted.contains(action) || wanted.contains(bare);
    }

    private boolean acceptsLabels(Map<String, String> attributes) {
        List<String> wanted = byName.get("label");
        if (wanted == null) {
            return true;
        }
        for (String w : wanted) {
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            String value = attributes.get(key);
            if (value == null || (eq >= 0 && !value.equals(w.substring(eq + 1)))) {
                return false;
            }
        }
        return true;
    }
}
