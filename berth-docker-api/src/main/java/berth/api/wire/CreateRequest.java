package berth.api.wire;

import static berth.api.wire.JsonFields.bool;
import static berth.api.wire.JsonFields.child;
import static berth.api.wire.JsonFields.keys;
import static berth.api.wire.JsonFields.nonEmpty;
import static berth.api.wire.JsonFields.number;
import static berth.api.wire.JsonFields.strings;
import static berth.api.wire.JsonFields.stringMap;
import static berth.api.wire.JsonFields.text;

import berth.container.ConsoleSize;
import berth.container.ContainerSpec;
import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Translates the body of {@code POST /containers/create} into a {@link ContainerSpec}. Features the
 * engine cannot honour yet are listed in {@code unsupported} (so create fails with NOT_IMPLEMENTED
 * instead of silently ignoring them); the zero values the CLI always sends do not count.
 */
public final class CreateRequest {
    private static final Pattern NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    /** Resource fields berth does not enforce (the others are in {@link HostConfigRequest#resources}). */
    private static final String[] RESOURCE_NUMBERS = {
        "KernelMemory", "KernelMemoryTCP", "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpuCount", "CpuPercent",
        "IOMaximumIOps", "IOMaximumBandwidth"};
    private static final String[] HOST_LISTS = {
        "DeviceRequests", "DeviceCgroupRules", "StorageOpt", "BlkioWeightDevice",
        "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "VolumeDriver",
        "CgroupParent", "UsernsMode", "Cgroup"};

    private CreateRequest() {}

    /** Docker's rule for container names ({@code --name x} is too short). */
    public static String validName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw BerthException.invalid("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }

    public static ContainerSpec toSpec(Optional<String> name, JsonNode body) {
        if (body != null && !body.isMissingNode() && !body.isObject()) {
            throw BerthException.invalid("invalid create request: expected a JSON object");
        }
        Optional<String> validName = name.filter(n -> !n.isEmpty()).map(CreateRequest::validName);
        String image = text(body, "Image").filter(s -> !s.isBlank())
                .orElseThrow(() -> BerthException.invalid("the create request has no Image (Config.Image is required)"));
        JsonNode host = child(body, "HostConfig");
        String networkMode = text(host, "NetworkMode").orElse("");
        List<String> unsupported = unsupported(body, host);
        return new ContainerSpec(
                validName, image,
                strings(body, "Cmd"), strings(body, "Entrypoint"),
                strings(body, "Env").orElse(List.of()),
                text(body, "WorkingDir").filter(s -> !s.isEmpty()),
                text(body, "User").filter(s -> !s.isEmpty()),
                stringMap(body, "Labels"),
                text(body, "Hostname").filter(s -> !s.isEmpty()),
                text(body, "Domainname").filter(s -> !s.isEmpty()),
                bool(body, "AttachStdin"), bool(body, "AttachStdout"), bool(body, "AttachStderr"),
                bool(body, "OpenStdin"), bool(body, "StdinOnce"), bool(body, "Tty"),
                keys(body, "ExposedPorts"),
                text(body, "StopSignal").filter(s -> !s.isEmpty()),
                child(body, "StopTimeout") == null ? Optional.empty() : Optional.of((int) number(body, "StopTimeout")),
                networkMode.isEmpty() ? "default" : networkMode,
                bool(host, "AutoRemove"),
                HostConfigRequest.hostConfig(host).withPorts(NetworkingRequest.portBindings(child(host, "PortBindings")),
                        bool(host, "PublishAllPorts"), NetworkingRequest.links(strings(host, "Links").orElse(List.of()))),
                HostConfigRequest.healthcheck(child(body, "Healthcheck")),
                unsupported,
                consoleSize(child(host, "ConsoleSize")),
                keys(body, "Volumes"),
                strings(host, "VolumesFrom").orElse(List.of()),
                NetworkingRequest.endpoints(child(body, "NetworkingConfig")));
    }

    /** {@code HostConfig.ConsoleSize}, {@code [height, width]}; zeros (the CLI without a terminal) mean none. */
    static Optional<ConsoleSize> consoleSize(JsonNode size) {
        if (size == null || size.isNull()) {
            return Optional.empty();
        }
        if (!size.isArray() || size.size() != 2 || !size.get(0).canConvertToInt() || !size.get(1).canConvertToInt()
                || size.get(0).asInt() < 0 || size.get(1).asInt() < 0) {
            throw BerthException.invalid("invalid HostConfig.ConsoleSize " + size
                    + ": expected [height, width] as two non-negative integers");
        }
        int h = size.get(0).asInt();
        int w = size.get(1).asInt();
        return h > 0 && w > 0 ? Optional.of(new ConsoleSize(h, w)) : Optional.empty();
    }

    /** The requested features berth cannot honour, by their wire names. */
    static List<String> unsupported(JsonNode body, JsonNode host) {
        List<String> out = new ArrayList<>();
        out.addAll(NetworkingRequest.unsupportedEndpointFields(child(body, "NetworkingConfig")));
        if (host == null) {
            return out;
        }
        for (String f : HOST_LISTS) {
            JsonNode n = child(host, f);
            boolean requested = n != null && (n.isContainerNode()
                    ? !n.isEmpty()
                    : !n.asText().isEmpty() && !n.asText().equals("private"));
            if (requested) {
                out.add("HostConfig." + f);
            }
        }
        for (String f : RESOURCE_NUMBERS) {
            // MemorySwap -1 means "unlimited", which is what berth gives
            if (number(host, f) > 0) {
                out.add("HostConfig." + f);
            }
        }
        JsonNode mounts = child(host, "Mounts");
        for (JsonNode m : mounts != null && mounts.isArray() ? mounts : List.<JsonNode>of()) {
            // a volume made on first use gets neither labels nor driver options from --mount yet
            JsonNode volume = child(m, "VolumeOptions");
            JsonNode driver = child(volume, "DriverConfig");
            if (nonEmpty(volume, "Labels") || nonEmpty(driver, "Name") || nonEmpty(driver, "Options")) {
                out.add("HostConfig.Mounts.VolumeOptions (volume-label, volume-driver, volume-opt)");
                break;
            }
        }
        return out;
    }
}
