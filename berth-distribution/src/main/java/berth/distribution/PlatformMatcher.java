package berth.distribution;

import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the entry of an index to pull for a platform, as containerd's {@code platforms.Only}: the
 * exact platform first, then the ones it can also run, best first (arm64 runs arm/v8 down to
 * arm/v5; arm/v7 runs v6 and v5; amd64/v3 runs v2 and plain amd64; amd64 runs 386 last). Among
 * equally good entries
 * the first in the index wins. Entries that are not image manifests (attestations, artifacts) are
 * never picked.
 *
 * <p>An entry without a platform is taken only when no entry declares a matching one; the caller
 * must then check the image config's os and architecture itself ({@link Match#platformDeclared()}).
 */
public final class PlatformMatcher {
    /** The chosen entry, and whether the index declared its platform. */
    public record Match(Descriptor descriptor, boolean platformDeclared) {
    }

    private final Platform wanted;
    private final List<Platform> acceptable;

    public PlatformMatcher(Platform wanted) {
        this.wanted = Platform.of(wanted.os(), wanted.architecture(), wanted.variant());
        this.acceptable = compatible(this.wanted);
    }

    /** The platforms this one runs, best first; the first is the platform itself. */
    public List<Platform> acceptable() {
        return acceptable;
    }

    /** Whether an image built for {@code candidate} runs on the wanted platform. */
    public boolean matches(Platform candidate) {
        return rank(candidate) >= 0;
    }

    /**
     * The best entry of {@code index} for the wanted platform. NOT_FOUND, in dockerd's words and
     * listing what the index offers, when none fits.
     */
    public Match select(ManifestIndex index) {
        Descriptor best = null;
        int bestRank = Integer.MAX_VALUE;
        Descriptor undeclared = null;
        for (Descriptor entry : index.manifests()) {
            if (!MediaTypes.isImageManifest(entry.mediaType())) {
                continue;
            }
            if (entry.platform().isEmpty()) {
                undeclared = undeclared == null ? entry : undeclared;
                continue;
            }
            int rank = rank(entry.platform().get());
            if (rank >= 0 && rank < bestRank) {
                best = entry;
                bestRank = rank;
            }
        }
        if (best != null) {
            return new Match(best, true);
        }
        if (undeclared != null) {
            return new Match(undeclared, false);
        }
        String offered = index.manifests().stream()
                .filter(d -> MediaTypes.isImageManifest(d.mediaType()))
                .map(d -> d.platform().map(Platform::toString).orElse("unknown"))
                .distinct()
                .collect(Collectors.joining(", "));
        throw BerthException.notFound("no matching manifest for " + wanted + " in the manifest list entries"
                + (offered.isEmpty() ? " (the index lists no image manifests)" : " (available: " + offered + ")"));
    }

    private int rank(Platform candidate) {
        Platform normal = Platform.of(candidate.os(), candidate.architecture(), candidate.variant());
        return acceptable.indexOf(normal);
    }

    private static List<Platform> compatible(Platform p) {
        List<Platform> result = new ArrayList<>();
        result.add(p);
        String variant = p.variant().orElse("");
        switch (p.architecture()) {
            case "amd64" -> {
                int level = variant.isEmpty() ? 1 : versionOf(variant);
                for (int v = level - 1; v >= 1; v--) {
                    result.add(withVariant(p, "amd64", v == 1 ? "" : "v" + v));
                }
                result.add(withVariant(p, "386", "")); // 32-bit x86 runs on amd64, last resort
            }
            case "arm64" -> {
                // arm64 runs 32-bit arm code: v8 first, then older
                for (int v = 8; v >= 5; v--) {
                    result.add(withVariant(p, "arm", "v" + v));
                }
            }
            case "arm" -> {
                int level = versionOf(variant);
                for (int v = level - 1; v >= 5; v--) {
                    result.add(withVariant(p, "arm", "v" + v));
                }
            }
            default -> { }
        }
        return List.copyOf(result);
    }

    private static Platform withVariant(Platform p, String arch, String variant) {
        return Platform.of(p.os(), arch, variant.isEmpty() ? Optional.empty() : Optional.of(variant));
    }

    private static int versionOf(String variant) {
        if (variant.matches("v[0-9]")) {
            return variant.charAt(1) - '0';
        }
        return 0;
    }
}
