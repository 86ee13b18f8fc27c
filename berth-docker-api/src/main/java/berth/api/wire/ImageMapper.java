package berth.api.wire;

import berth.api.http.ApiVersion;
import berth.content.Digest;
import berth.image.HistoryStep;
import berth.image.Image;
import berth.container.HealthConfig;
import berth.image.ImageConfig;
import berth.image.ImageDeleteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Translates engine images into Docker's wire shapes. */
public final class ImageMapper {
    private ImageMapper() {}

    public static ImageDtos.Summary summary(Image img, ApiVersion v) {
        return new ImageDtos.Summary(img.id().toString(), nullToEmpty(img.parent()), img.repoTags(), img.repoDigests(),
                img.created().getEpochSecond(), img.size(), -1,
                v.atLeast(1, 44) ? null : img.size(), img.config().labels(), -1);
    }

    public static ImageDtos.Inspect inspect(Image img, List<Path> layerPaths, ApiVersion v) {
        ImageDtos.Config cfg = config(img.config(), "");
        return new ImageDtos.Inspect(img.id().toString(), img.repoTags(), img.repoDigests(), nullToEmpty(img.parent()),
                nullToEmpty(img.comment()), Times.rfc3339Nano(img.created()), "", emptyConfig(), "",
                nullToEmpty(img.author()), cfg, nullToEmpty(img.architecture()), img.variant(), nullToEmpty(img.os()), img.size(),
                v.atLeast(1, 44) ? null : img.size(), new ImageDtos.GraphDriver("overlay2", graphData(layerPaths)),
                new ImageDtos.RootFs("layers", img.diffIds().stream().map(Digest::toString).toList()),
                new ImageDtos.Metadata(Times.ZERO));
    }

    /** overlay2's view of an image: the top layer as UpperDir, the rest as LowerDir (top-most first). */
    static Map<String, String> graphData(List<Path> layerPaths) {
        Map<String, String> data = new LinkedHashMap<>();
        if (layerPaths.isEmpty()) {
            return data;
        }
        if (layerPaths.size() > 1) {
            data.put("LowerDir", String.join(":", layerPaths.subList(1, layerPaths.size()).stream().map(Path::toString).toList()));
        }
        data.put("UpperDir", layerPaths.getFirst().toString());
        return data;
    }

    public static ImageDtos.Config config(ImageConfig c, String image) {
        return new ImageDtos.Config("", "", c.user().orElse(""), false, false, false, portSet(c.exposedPorts()),
                false, false, false, c.env(), c.cmd().orElse(null), image, portSet(c.volumes()),
                c.workingDir().orElse(""), c.entrypoint().orElse(null), c.onBuild().isEmpty() ? null : c.onBuild(),
                c.labels().isEmpty() ? null : c.labels(), c.stopSignal().orElse(null), null,
                c.healthcheck().map(ImageMapper::healthcheck).orElse(null), c.shell().isEmpty() ? null : c.shell());
    }

    public static ImageDtos.Healthcheck healthcheck(HealthConfig h) {
        return new ImageDtos.Healthcheck(h.test(), h.intervalNanos(), h.timeoutNanos(), h.startPeriodNanos(),
                h.retries());
    }

    private static ImageDtos.Config emptyConfig() {
        return new ImageDtos.Config("", "", "", false, false, false, null, false, false, false, null, null, "",
                null, "", null, null, null, null, null, null);
    }

    /** Docker's set-as-map encoding: {@code {"80/tcp":{}}}; null when empty, as Docker writes it. */
    public static Map<String, Map<String, Object>> portSet(List<String> keys) {
        if (keys.isEmpty()) {
            return null;
        }
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, Map.of()));
        return m;
    }

    /** {@code docker image history}'s rows: tags null where there are none, as Docker writes them. */
    public static List<ImageDtos.HistoryItem> history(List<HistoryStep> steps) {
        return steps.stream().map(s -> new ImageDtos.HistoryItem(s.id(), s.created().getEpochSecond(), s.createdBy(),
                s.tags().isEmpty() ? null : s.tags(), s.size(), s.comment())).toList();
    }

    public static ImageDtos.DeleteItem deleteItem(ImageDeleteResult r) {
        return switch (r) {
            case ImageDeleteResult.Untagged u -> new ImageDtos.DeleteItem(u.reference(), null);
            case ImageDeleteResult.Deleted d -> new ImageDtos.DeleteItem(null, d.id());
        };
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
