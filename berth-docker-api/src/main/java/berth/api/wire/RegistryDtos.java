package berth.api.wire;

import berth.image.RegistryService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire shapes of {@code POST /auth}, {@code GET /distribution/{name}/json} and push's aux line. */
public final class RegistryDtos {
    private RegistryDtos() {}

    /** {@code {"Status":"Login Succeeded","IdentityToken":""}}: both keys always, as dockerd writes them. */
    public record AuthResponse(String status, String identityToken) {
        public static AuthResponse of(RegistryService.LoginResult r) {
            return new AuthResponse(r.status(), r.identityToken().orElse(""));
        }
    }

    public record DistributionInspect(@JsonProperty("Descriptor") Descriptor descriptor,
                                      @JsonProperty("Platforms") List<Platform> platforms) {
        public static DistributionInspect of(RegistryService.RemoteImage remote) {
            return new DistributionInspect(
                    new Descriptor(remote.mediaType(), remote.digest().toString(), remote.size()),
                    remote.platforms().stream().map(Platform::parse).toList());
        }
    }

    /** An OCI descriptor, lower-case keys as in the image spec. */
    public record Descriptor(@JsonProperty("mediaType") String mediaType, @JsonProperty("digest") String digest,
                             @JsonProperty("size") long size) {}

    /** An OCI platform; the variant is left out when there is none (Go's omitempty). */
    public record Platform(@JsonProperty("architecture") String architecture, @JsonProperty("os") String os,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("variant") String variant) {
        /** {@code os/arch[/variant]}, the form RegistryService reports. */
        static Platform parse(String osArchVariant) {
            String[] p = osArchVariant.split("/", 3);
            return new Platform(p.length > 1 ? p[1] : "", p[0], p.length > 2 ? p[2] : "");
        }
    }

    /** {@code {"Tag":"v1","Digest":"sha256:…","Size":527}}: what the CLI's push reads from the stream's aux. */
    public record PushResult(String tag, String digest, long size) {
        public static PushResult of(RegistryService.PushedManifest m) {
            return new PushResult(m.tag(), m.digest().toString(), m.size());
        }
    }
}
