package berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One repository:tag line of {@code images} (docker's ImageContext fields). */
public final class ImageRow implements TemplateData {
    public static final String DEFAULT_TABLE = "{{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";
    public static final String DIGESTS_TABLE =
            "{{.Repository}}\\t{{.Tag}}\\t{{.Digest}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";
    public static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("ID", "IMAGE ID"), Map.entry("Repository", "REPOSITORY"), Map.entry("Tag", "TAG"),
            Map.entry("Digest", "DIGEST"), Map.entry("CreatedSince", "CREATED"), Map.entry("CreatedAt", "CREATED AT"),
            Map.entry("Size", "SIZE"), Map.entry("Containers", "CONTAINERS"), Map.entry("SharedSize", "SHARED SIZE"),
            Map.entry("UniqueSize", "UNIQUE SIZE"), Map.entry("VirtualSize", "VIRTUAL SIZE"));
    private static final List<String> FIELDS = List.of("Containers", "CreatedAt", "CreatedSince", "Digest", "ID",
            "Repository", "SharedSize", "Size", "Tag", "UniqueSize", "VirtualSize");

    private final JsonNode image;
    private final String repository;
    private final String tag;
    private final String digest;
    private final boolean trunc;
    private final Instant now;

    private ImageRow(JsonNode image, String repository, String tag, String digest, boolean trunc, Instant now) {
        this.image = image;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
        this.trunc = trunc;
        this.now = now;
    }

    /**
     * The rows one image summary makes: one per RepoTag (with the digest of the same repository
     * when known), one per untagged RepoDigest, or a single {@code <none>} row for a dangling image.
     */
    public static List<ImageRow> rowsOf(JsonNode image, boolean trunc, Instant now) {
        List<ImageRow> rows = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        image.path("RepoDigests").forEach(d -> digests.add(d.asText()));
        List<String> taggedRepos = new ArrayList<>();
        for (JsonNode t : image.path("RepoTags")) {
            String ref = t.asText();
            if (ref.equals("<none>:<none>")) {
                continue;
            }
            int colon = ref.lastIndexOf(':');
            boolean hasTag = colon > ref.lastIndexOf('/');
            String repo = hasTag ? ref.substring(0, colon) : ref;
            String tag = hasTag ? ref.substring(colon + 1) : "<none>";
            rows.add(new ImageRow(image, repo, tag, digestFor(repo, digests), trunc, now));
            taggedRepos.add(repo);
        }
        for (String d : digests) {
            int at = d.indexOf('@');
            if (at < 0 || d.equals("<none>@<none>")) {
                continue;
            }
            String repo = d.substring(0, at);
            if (!taggedRepos.contains(repo)) {
                rows.add(new ImageRow(image, repo, "<none>", d.substring(at + 1), trunc, now));
            }
        }
        if (rows.isEmpty()) {
            rows.add(new ImageRow(image, "<none>", "<none>", "<none>", trunc, now));
        }
        return rows;
    }

    private static String digestFor(String repo, List<String> digests) {
        for (String d : digests) {
            if (d.startsWith(repo + "@")) {
                return d.substring(repo.length() + 1);
            }
        }
        return "<none>";
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "ID" -> trunc ? Ids.shortId(image.path("Id").asText()) : image.path("Id").asText();
            case "Repository" -> repository;
            case "Tag" -> tag;
            case "Digest" -> digest;
            case "CreatedSince" -> image.path("Created").asLong() <= 0 ? "N/A"
                    : HumanUnits.ago(Instant.ofEpochSecond(image.path("Created").asLong()), now);
            case "CreatedAt" -> HumanUnits.goTime(Instant.ofEpochSecond(image.path("Created").asLong()));
            case "Size" -> HumanUnits.size(image.path("Size").asLong());
            case "VirtualSize" -> HumanUnits.size(image.path("VirtualSize").asLong(image.path("Size").asLong()));
            case "SharedSize" -> sizeOrNa(image.path("SharedSize").asLong(-1));
            case "UniqueSize" -> {
                long shared = image.path("SharedSize").asLong(-1);
                yield shared < 0 ? "N/A" : HumanUnits.size(image.path("Size").asLong() - shared);
            }
            case "Containers" -> image.path("Containers").asLong(-1) < 0 ? "N/A" : String.valueOf(image.path("Containers").asLong());
            default -> Template.NO_VALUE;
        };
    }

    private static String sizeOrNa(long v) {
        return v < 0 ? "N/A" : HumanUnits.size(v);
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : FIELDS) {
            m.put(f, field(f));
        }
        return m;
    }
}
