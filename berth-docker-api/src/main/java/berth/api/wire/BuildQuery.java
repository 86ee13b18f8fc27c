package berth.api.wire;

import berth.api.http.QueryParams;
import berth.build.BuildRequest;
import berth.errors.BerthException;
import berth.image.ImageReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /build}'s query string read as dockerd 20.10 reads it, into a {@link BuildRequest}. Everything
 * here is checked before the body (the context) is read, so a malformed request costs no upload:
 * {@code buildargs}, {@code labels} and {@code cachefrom} must be JSON, {@code version=2} (BuildKit) and
 * {@code remote} contexts are refused, the tags must be valid references.
 *
 * <p>Accepted and ignored, as they limit resources of RUN containers berth does not limit yet:
 * {@code memory}, {@code memswap}, {@code cpushares}, {@code cpusetcpus}, {@code cpusetmems},
 * {@code cpuperiod}, {@code cpuquota}, {@code cgroupparent}, {@code shmsize} (checked to be a number),
 * {@code ulimits} (checked to be JSON), {@code session}, {@code buildid}.
 */
public final class BuildQuery {
    // Go's json.Unmarshal refuses anything after the value
    private static final ObjectMapper PLAIN = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The request, and {@code q}: whether only the image ID is to be streamed. */
    public record Parsed(BuildRequest request, boolean quiet) {}

    private BuildQuery() {}

    /**
     * @param registryConfig the {@code X-Registry-Config} header, or null
     * @throws BerthException INVALID_ARGUMENT for a value dockerd refuses too, NOT_IMPLEMENTED for BuildKit
     *         and remote contexts
     */
    public static Parsed parse(QueryParams q, String registryConfig) {
        builderVersion(q.get("version").orElse(""));
        q.nonBlank("remote").ifPresent(remote -> {
            throw BerthException.notImplemented("remote build contexts are not implemented in berth (remote=" + remote
                    + "): send the context as the request body (a tar, or a bare Dockerfile)");
        });
        if (!q.all("securityopt").isEmpty()) {
            throw BerthException.invalid("The daemon on this platform does not support setting security options on build");
        }
        String isolation = q.get("isolation").orElse("");
        if (!isolation.isEmpty() && !isolation.equalsIgnoreCase("default")) {
            throw BerthException.invalid("Unsupported isolation: \"" + isolation + "\"");
        }
        q.nonBlank("shmsize").ifPresent(s -> {
            try {
                Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw BerthException.invalid("invalid shmsize \"" + s + "\": expected a number of bytes", e);
            }
        });
        q.nonBlank("ulimits").ifPresent(u -> json(u, "error reading ulimit settings"));

        Map<String, String> buildArgs = stringMap(q.get("buildargs").orElse(""), "error reading build args", true);
        Map<String, String> labels = stringMap(q.get("labels").orElse(""), "error reading labels", false);
        List<String> cacheFrom = stringList(q.get("cachefrom").orElse(""), "error reading cache-from images");
        List<String> tags = q.all("t").stream().filter(t -> !t.isEmpty()).toList();
        tags.forEach(BuildQuery::checkTag);

        // dockerd since API 1.12: rm defaults to true, and forcerm implies it
        boolean forceRemove = q.bool("forcerm");
        boolean remove = forceRemove || q.bool("rm", true);
        BuildRequest request = new BuildRequest(tags, q.get("dockerfile").orElse(""), buildArgs, labels,
                q.nonBlank("target"), networkMode(q.get("networkmode").orElse("")), q.bool("nocache"), q.bool("pull"),
                q.bool("squash"), cacheFrom, remove, forceRemove, q.nonBlank("platform"), q.all("extrahosts"),
                RegistryAuth.fromConfigHeader(registryConfig));
        return new Parsed(request, q.bool("q"));
    }

    /** {@code version}: 1 (or none) is the classic builder; 2 is BuildKit, which berth does not have. */
    static void builderVersion(String v) {
        if (v.isEmpty() || v.equals("1")) {
            return;
        }
        if (v.equals("2")) {
            throw BerthException.notImplemented("buildkit is not enabled on daemon: berth has the classic builder only"
                    + " (build with DOCKER_BUILDKIT=0, or version=1)");
        }
        throw BerthException.invalid("invalid version " + v);
    }

    /** dockerd's classic builder knows default (the bridge), bridge, host and none; berth has no others yet. */
    static String networkMode(String mode) {
        return switch (mode) {
            case "", "default", "bridge" -> "default";
            case "host", "none" -> mode;
            default -> throw BerthException.notImplemented("network mode \"" + mode
                    + "\" is not supported for builds in berth (use default, bridge, host or none)");
        };
    }

    private static void checkTag(String tag) {
        ImageReference ref = ImageReference.parse(tag);
        if (ref.digest().isPresent()) {
            throw BerthException.invalid("build tag cannot contain a digest");
        }
    }

    private static JsonNode json(String raw, String what) {
        try {
            return PLAIN.readTree(raw);
        } catch (java.io.IOException e) {
            throw BerthException.invalid(what + ": " + jsonMessage(e), e);
        }
    }

    private static String jsonMessage(java.io.IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    /**
     * A JSON object of strings. For build args a null value is kept (a {@code --build-arg NAME} whose NAME is
     * unset on the client: declared, no value); for labels it is the empty string, as Go decodes it.
     */
    private static Map<String, String> stringMap(String raw, String what, boolean keepNull) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw.isBlank()) {
            return out;
        }
        JsonNode node = json(raw, what);
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw BerthException.invalid(what + ": expected a JSON object of strings, got " + raw);
        }
        for (var e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), keepNull ? null : "");
            } else if (v.isTextual()) {
                out.put(e.getKey(), v.asText());
            } else {
                throw BerthException.invalid(what + ": the value of \"" + e.getKey() + "\" must be a string");
            }
        }
        return out;
    }

    private static List<String> stringList(String raw, String what) {
        List<String> out = new ArrayList<>();
        if (raw.isBlank()) {
            return out;
        }
        JsonNode node = json(raw, what);
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw BerthException.invalid(what + ": expected a JSON list of image names, got " + raw);
        }
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                throw BerthException.invalid(what + ": every entry must be a string, got " + v);
            }
            out.add(v.asText());
        }
        return out;
    }
}
