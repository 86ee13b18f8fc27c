package berth.image;

import berth.content.Digest;
import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import berth.container.HealthConfig;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads and writes the image config blob (the JSON whose sha256 is the image ID) in the shape Docker
 * and OCI share: {@code architecture}, {@code os}, {@code config{Env,Cmd,...}}, {@code created},
 * {@code history}, {@code rootfs{type:"layers",diff_ids}}. Parsing is lenient about what it does not
 * use; a config without {@code rootfs.diff_ids} is INVALID_ARGUMENT.
 */
final class ImageConfigJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private ImageConfigJson() {}

    /** What the engine reads from a config blob. */
    record Parsed(Instant created, String author, String architecture, String os, String comment,
                  ImageConfig config, List<Digest> diffIds, List<HistoryEntry> history, String variant) {}

    static Parsed parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw BerthException.invalid("invalid image config: not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw BerthException.invalid("invalid image config: not a JSON object");
        }
        JsonNode rootfs = root.path("rootfs");
        if (!rootfs.path("diff_ids").isArray()) {
            throw BerthException.invalid("invalid image config: rootfs.diff_ids is missing");
        }
        if (!"layers".equals(rootfs.path("type").asText("layers"))) {
            throw BerthException.invalid("invalid image config: rootfs.type is " + rootfs.path("type").asText() + ", expected layers");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode d : rootfs.get("diff_ids")) {
            diffIds.add(Digest.parse(d.asText()));
        }
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode h : root.path("history")) {
            history.add(new HistoryEntry(time(h.path("created")), h.path("created_by").asText(""),
                    h.path("comment").asText(""), h.path("empty_layer").asBoolean(false)));
        }
        return new Parsed(time(root.path("created")).orElse(Instant.EPOCH), root.path("author").asText(""),
                root.path("architecture").asText(""), root.path("os").asText(""), root.path("comment").asText(""),
                config(root.path("config")), diffIds, history, root.path("variant").asText(""));
    }

    private static Optional<Instant> time(JsonNode n) {
        if (!n.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(n.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static ImageConfig config(JsonNode c) {
        if (!c.isObject()) {
            return ImageConfig.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new ImageConfig(text(c, "User"), strings(c.path("Env")), optStrings(c.path("Entrypoint")),
                optStrings(c.path("Cmd")), text(c, "WorkingDir"), labels, keys(c.path("ExposedPorts")),
                keys(c.path("Volumes")), text(c, "StopSignal"), healthcheck(c.path("Healthcheck")),
                strings(c.path("Shell")), strings(c.path("OnBuild")));
    }

    private static Optional<HealthConfig> healthcheck(JsonNode h) {
        if (!h.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new HealthConfig(strings(h.path("Test")), h.path("Interval").asLong(0),
                h.path("Timeout").asLong(0), h.path("StartPeriod").asLong(0), h.path("Retries").asInt(0)));
    }

    private static Optional<String> text(JsonNode c, String field) {
        JsonNode n = c.path(field);
        return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            out.add(e.asText());
        }
        return out;
    }

    private static Optional<List<String>> optStrings(JsonNode n) {
        return n.isArray() ? Optional.of(strings(n)) : Optional.empty();
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    /**
     * The config of a one-layer image made by {@code docker import}, shaped like Docker's: top-level keys
     * sorted (Docker marshals them through a map), the {@code config} object in Docker's field order.
     */
    static byte[] forImport(ImageConfig cfg, Digest diffId, Instant created, String comment) {
        String time = created.toString();
        TreeMap<String, JsonNode> top = new TreeMap<>();
        top.put("architecture", JSON.getNodeFactory().textNode("amd64"));
        top.put("comment", JSON.getNodeFactory().textNode(comment));
        top.put("config", configNode(cfg));
        top.put("created", JSON.getNodeFactory().textNode(time));
        ArrayNode history = JSON.createArrayNode();
        history.addObject().put("created", time).put("comment", comment);
        top.put("history", history);
        top.put("os", JSON.getNodeFactory().textNode("linux"));
        ObjectNode rootfs = JSON.createObjectNode();
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId.toString());
        top.put("rootfs", rootfs);
        ObjectNode root = JSON.createObjectNode();
        top.forEach(root::set);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw BerthException.internal("cannot write image config", e);
        }
    }

    /**
     * The config of a child image ({@code docker commit}, a build step), shaped like Docker's
     * {@code NewChildImage}: the parent's platform, history and layers, then this step's history entry
     * and, unless the step made no layer, its DiffID. Top-level keys sorted, as {@link #forImport}.
     *
     * @param parentConfig the parent's config bytes; empty for a child of nothing
     */
    static byte[] forChild(Optional<byte[]> parentConfig, ImageCommit c, Optional<Digest> newDiffId) {
        JsonNode parent = JSON.createObjectNode();
        if (parentConfig.isPresent()) {
            try {
                parent = JSON.readTree(parentConfig.get());
            } catch (IOException e) {
                throw BerthException.invalid("invalid image config of the parent: " + e.getMessage(), e);
            }
        }
        var f = JSON.getNodeFactory();
        String time = c.created().toString();
        TreeMap<String, JsonNode> top = new TreeMap<>();
        top.put("architecture", f.textNode(parent.path("architecture").asText("amd64")));
        if (!c.author().isEmpty()) {
            top.put("author", f.textNode(c.author()));
        }
        if (!c.comment().isEmpty()) {
            top.put("comment", f.textNode(c.comment()));
        }
        top.put("config", configNode(c.config()));
        if (!c.containerId().isEmpty()) {
            top.put("container", f.textNode(c.containerId()));
        }
        top.put("created", f.textNode(time));
        ArrayNode history = JSON.createArrayNode();
        parent.path("history").forEach(h -> history.add(h.deepCopy()));
        ObjectNode step = history.addObject();
        step.put("created", time);
        if (!c.author().isEmpty()) {
            step.put("author", c.author());
        }
        if (!c.createdBy().isEmpty()) {
            step.put("created_by", c.createdBy());
        }
        if (!c.comment().isEmpty()) {
            step.put("comment", c.comment());
        }
        if (newDiffId.isEmpty()) {
            step.put("empty_layer", true);
        }
        top.put("history", history);
        top.put("os", f.textNode(parent.path("os").asText("linux")));
        for (String copied : List.of("os.version", "os.features", "variant")) {
            if (parent.hasNonNull(copied)) {
                top.put(copied, parent.get(copied).deepCopy());
            }
        }
        ObjectNode rootfs = JSON.createObjectNode();
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        parent.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
        newDiffId.ifPresent(d -> diffIds.add(d.toString()));
        top.put("rootfs", rootfs);
        ObjectNode root = JSON.createObjectNode();
        top.forEach(root::set);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw BerthException.internal("cannot write image config", e);
        }
    }

    static ObjectNode configNode(ImageConfig cfg) {
        ObjectNode c = JSON.createObjectNode();
        c.put("Hostname", "");
        c.put("Domainname", "");
        c.put("User", cfg.user().orElse(""));
        c.put("AttachStdin", false);
        c.put("AttachStdout", false);
        c.put("AttachStderr", false);
        if (!cfg.exposedPorts().isEmpty()) {
            ObjectNode ports = c.putObject("ExposedPorts");
            cfg.exposedPorts().forEach(p -> ports.putObject(p));
        }
        c.put("Tty", false);
        c.put("OpenStdin", false);
        c.put("StdinOnce", false);
        putList(c, "Env", Optional.of(cfg.env()).filter(l -> !l.isEmpty()));
        putList(c, "Cmd", cfg.cmd());
        c.put("Image", "");
        if (cfg.volumes().isEmpty()) {
            c.putNull("Volumes");
        } else {
            ObjectNode vols = c.putObject("Volumes");
            cfg.volumes().forEach(v -> vols.putObject(v));
        }
        c.put("WorkingDir", cfg.workingDir().orElse(""));
        putList(c, "Entrypoint", cfg.entrypoint());
        if (cfg.onBuild().isEmpty()) {
            c.putNull("OnBuild");
        } else {
            ArrayNode onBuild = c.putArray("OnBuild");
            cfg.onBuild().forEach(onBuild::add);
        }
        if (cfg.labels().isEmpty()) {
            c.putNull("Labels");
        } else {
            ObjectNode labels = c.putObject("Labels");
            new TreeMap<>(cfg.labels()).forEach(labels::put);
        }
        cfg.stopSignal().ifPresent(s -> c.put("StopSignal", s));
        if (!cfg.shell().isEmpty()) {
            ArrayNode shell = c.putArray("Shell");
            cfg.shell().forEach(shell::add);
        }
        cfg.healthcheck().ifPresent(h -> {
            ObjectNode hc = c.putObject("Healthcheck");
            ArrayNode test = hc.putArray("Test");
            h.test().forEach(test::add);
            if (h.intervalNanos() != 0) {
                hc.put("Interval", h.intervalNanos());
            }
            if (h.timeoutNanos() != 0) {
                hc.put("Timeout", h.timeoutNanos());
            }
            if (h.startPeriodNanos() != 0) {
                hc.put("StartPeriod", h.startPeriodNanos());
            }
            if (h.retries() != 0) {
                hc.put("Retries", h.retries());
            }
        });
        return c;
    }

    private static void putList(ObjectNode c, String field, Optional<List<String>> values) {
        if (values.isEmpty()) {
            c.putNull(field);
        } else {
            ArrayNode a = c.putArray(field);
            values.get().forEach(a::add);
        }
    }
}
