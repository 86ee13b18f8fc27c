package berth.runtime.runc;

import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Docker's seccomp profile format translated to the OCI runtime spec's linux.seccomp, as dockerd
 * does it: keep only the architectures of the native one, and each rule only when its
 * includes/excludes (arches, capabilities, minimum kernel) hold for this host and the container's
 * granted (bounding) capabilities. The default profile ships as a resource of this module.
 */
final class SeccompProfile {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final JsonNode profile;

    private SeccompProfile(JsonNode profile) {
        this.profile = profile;
    }

    static SeccompProfile parse(JsonNode dockerProfile) {
        return new SeccompProfile(dockerProfile);
    }

    /**
     * A profile as {@code --security-opt seccomp=<file>} sends it (the docker CLI reads the file and
     * sends its JSON); the engine has checked that it parses.
     */
    static SeccompProfile parseJson(String json) {
        try {
            return new SeccompProfile(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw BerthException.invalid("Decoding seccomp profile failed: " + e.getMessage(), e);
        }
    }

    /** Docker's default profile (moby profiles/seccomp/default.json). */
    static SeccompProfile dockerDefault(ObjectMapper mapper) {
        try (InputStream in = SeccompProfile.class.getResourceAsStream("seccomp-default.json")) {
            if (in == null) {
                throw new IllegalStateException("resource seccomp-default.json is missing from berth-runtime-runc");
            }
            return new SeccompProfile(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default seccomp profile", e);
        }
    }

    /**
     * @param goArch         Docker's name of the native architecture in includes/excludes ("amd64")
     * @param seccompArch    the native architecture in archMap ("SCMP_ARCH_X86_64")
     * @param capabilities   the container's bounding set, "CAP_..." names
     * @param kernel         the running kernel's version, for minKernel
     */
    ObjectNode toOci(String goArch, String seccompArch, Set<String> capabilities, KernelVersion kernel) {
        ObjectNode out = F.objectNode();
        out.put("defaultAction", profile.path("defaultAction").asText("SCMP_ACT_ERRNO"));
        if (profile.has("defaultErrnoRet")) {
            out.put("defaultErrnoRet", profile.get("defaultErrnoRet").asInt());
        }
        ArrayNode arches = out.putArray("architectures");
        if (!profile.has("archMap")) {
            // the older form lists the architectures themselves
            profile.path("architectures").forEach(a -> arches.add(a.asText()));
        }
        for (JsonNode a : profile.path("archMap")) {
            if (seccompArch.equals(a.path("architecture").asText())) {
                arches.add(seccompArch);
                for (JsonNode sub : a.path("subArchitectures")) {
                    arches.add(sub.asText());
                }
            }
        }
        ArrayNode syscalls = out.putArray("syscalls");
        for (JsonNode rule : profile.path("syscalls")) {
            if (!applies(rule, goArch, capabilities, kernel)) {
                continue;
            }
            ObjectNode s = syscalls.addObject();
            if (rule.hasNonNull("name")) {
                s.putArray("names").add(rule.get("name").asText()); // the older one-name form
            } else {
                s.set("names", rule.path("names").deepCopy());
            }
            s.put("action", rule.path("action").asText());
            if (rule.hasNonNull("errnoRet")) {
                s.put("errnoRet", rule.get("errnoRet").asInt());
            }
            if (rule.path("args").isArray() && !rule.path("args").isEmpty()) {
                ArrayNode args = s.putArray("args");
                for (JsonNode a : rule.get("args")) {
                    ObjectNode arg = args.addObject();
                    arg.put("index", a.path("index").asInt());
                    arg.put("value", a.path("value").asLong());
                    arg.put("valueTwo", a.path("valueTwo").asLong(0));
                    arg.put("op", a.path("op").asText());
                }
            }
        }
        return out;
    }

    private static boolean applies(JsonNode rule, String goArch, Set<String> caps, KernelVersion kernel) {
        JsonNode ex = rule.path("excludes");
        if (contains(ex.path("arches"), goArch)) {
            return false;
        }
        for (JsonNode c : ex.path("caps")) {
            if (caps.contains(c.asText())) {
                return false;
            }
        }
        if (ex.hasNonNull("minKernel") && kernel.atLeast(KernelVersion.parse(ex.get("minKernel").asText()))) {
            return false;
        }
        JsonNode in = rule.path("includes");
        if (in.path("arches").isArray() && !in.path("arches").isEmpty() && !contains(in.path("arches"), goArch)) {
            return false;
        }
        for (JsonNode c : in.path("caps")) {
            if (!caps.contains(c.asText())) {
                return false;
            }
        }
        return !in.hasNonNull("minKernel") || kernel.atLeast(KernelVersion.parse(in.get("minKernel").asText()));
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }
}
