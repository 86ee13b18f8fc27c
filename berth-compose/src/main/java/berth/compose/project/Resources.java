package berth.compose.project;

import berth.client.Json;
import berth.compose.model.Network;
import berth.compose.model.Project;
import berth.compose.model.Service;
import berth.compose.model.ServiceVolume;
import berth.compose.model.Volume;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The project's networks and volumes: created with the compose labels when missing, external ones
 * required to exist, and removed by {@code down}.
 */
final class Resources {
    private final ProjectEngine engine;
    private final Project project;
    private final Progress progress;

    Resources(ProjectEngine engine, Project project, Progress progress) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
    }

    /** Makes sure every network and volume the given services use exists. */
    void ensure(Collection<Service> services) {
        Set<String> networks = new LinkedHashSet<>();
        Set<String> volumes = new LinkedHashSet<>();
        for (Service s : services) {
            if (s.networkMode() == null) {
                networks.addAll(s.networks().keySet());
            }
            for (ServiceVolume v : s.volumes()) {
                if ("volume".equals(v.type()) && v.source() != null && project.volumes().containsKey(v.source())) {
                    volumes.add(v.source());
                }
            }
        }
        // external ones are checked before anything is created, so a missing one leaves nothing behind
        for (String key : networks) {
            Network n = project.networks().get(key);
            if (n != null && n.external() && engine.network(n.name()).isEmpty()) {
                throw new ProjectException("network " + n.name() + " declared as external, but could not be found");
            }
        }
        for (String key : volumes) {
            Volume v = project.volumes().get(key);
            if (v.external() && engine.volume(v.name()).isEmpty()) {
                throw new ProjectException("external volume \"" + v.name() + "\" not found");
            }
        }
        for (String key : networks) {
            Network n = project.networks().get(key);
            if (n != null) {
                ensureNetwork(key, n);
            }
        }
        for (String key : volumes) {
            ensureVolume(key, project.volumes().get(key));
        }
    }

    private void ensureNetwork(String key, Network n) {
        Optional<JsonNode> existing = engine.network(n.name());
        if (n.external()) {
            if (existing.isEmpty()) {
                throw new ProjectException("network " + n.name() + " declared as external, but could not be found");
            }
            return;
        }
        if (existing.isPresent()) {
            String owner = existing.get().path("Labels").path(ComposeLabels.PROJECT).asText("");
            if (!owner.equals(project.name())) {
                progress.warning("a network with name " + n.name() + " exists but was not created for project \""
                        + project.name() + "\".\nSet `external: true` to use an existing network");
            }
            return;
        }
        ObjectNode body = Json.object();
        body.put("Name", n.name());
        body.put("CheckDuplicate", true);
        if (n.driver() != null) {
            body.put("Driver", n.driver());
        }
        body.set("Options", ProjectEngine.labels(n.driverOpts()));
        body.put("Internal", n.internal());
        body.put("Attachable", n.attachable());
        if (n.enableIpv6() != null) {
            body.put("EnableIPv6", n.enableIpv6());
        }
        if (n.ipam() != null) {
            ObjectNode ipam = body.putObject("IPAM");
            if (n.ipam().driver() != null) {
                ipam.put("Driver", n.ipam().driver());
            }
            ArrayNode config = ipam.putArray("Config");
            n.ipam().config().forEach(p -> {
                ObjectNode c = config.addObject();
                putIf(c, "Subnet", p.subnet());
                putIf(c, "IPRange", p.ipRange());
                putIf(c, "Gateway", p.gateway());
                if (p.auxAddresses() != null && !p.auxAddresses().isEmpty()) {
                    c.set("AuxiliaryAddresses", ProjectEngine.labels(p.auxAddresses()));
                }
            });
            if (n.ipam().options() != null) {
                ipam.set("Options", ProjectEngine.labels(n.ipam().options()));
            }
        }
        Map<String, String> labels = new java.util.LinkedHashMap<>(n.labels());
        labels.put(ComposeLabels.NETWORK, key);
        labels.put(ComposeLabels.PROJECT, project.name());
        labels.put(ComposeLabels.VERSION, ComposeLabels.COMPOSE_VERSION);
        body.set("Labels", ProjectEngine.labels(labels));
        progress.event("Network", n.name(), "Creating");
        engine.createNetwork(body);
        progress.event("Network", n.name(), "Created");
    }

    private void ensureVolume(String key, Volume v) {
        Optional<JsonNode> existing = engine.volume(v.name());
        if (v.external()) {
            if (existing.isEmpty()) {
                throw new ProjectException("external volume \"" + v.name() + "\" not found");
            }
            return;
        }
        if (existing.isPresent()) {
            return;
        }
        ObjectNode body = Json.object();
        body.put("Name", v.name());
        if (v.driver() != null) {
            body.put("Driver", v.driver());
        }
        body.set("DriverOpts", ProjectEngine.labels(v.driverOpts()));
        Map<String, String> labels = new java.util.LinkedHashMap<>(v.labels());
        labels.put(ComposeLabels.PROJECT, project.name());
        labels.put(ComposeLabels.VERSION, ComposeLabels.COMPOSE_VERSION);
        labels.put(ComposeLabels.VOLUME, key);
        body.set("Labels", ProjectEngine.labels(labels));
        progress.event("Volume", v.name(), "Creating");
        engine.createVolume(body);
        progress.event("Volume", v.name(), "Created");
    }

    /** Removes the project's networks (the ones it labelled, and declared non-external ones). */
    void removeNetworks() {
        Set<String> names = new LinkedHashSet<>();
        project.networks().values().stream().filter(n -> !n.external()).forEach(n -> names.add(n.name()));
        engine.projectNetworks(project.name()).forEach(n -> names.add(n.path("Name").asText()));
        for (String name : names) {
            Optional<JsonNode> n = engine.network(name);
            if (n.isEmpty() || !project.name().equals(n.get().path("Labels").path(ComposeLabels.PROJECT).asText())) {
                continue;
            }
            progress.event("Network", name, "Removing");
            engine.removeNetwork(n.get().path("Id").asText(name));
            progress.event("Network", name, "Removed");
        }
    }

    /** Removes the project's named volumes ({@code down -v}); external ones stay. */
    void removeVolumes() {
        Set<String> names = new LinkedHashSet<>();
        project.volumes().values().stream().filter(v -> !v.external()).forEach(v -> names.add(v.name()));
        engine.projectVolumes(project.name()).forEach(v -> names.add(v.path("Name").asText()));
        for (String name : names) {
            Optional<JsonNode> v = engine.volume(name);
            if (v.isEmpty() || !project.name().equals(v.get().path("Labels").path(ComposeLabels.PROJECT).asText())) {
                continue;
            }
            progress.event("Volume", name, "Removing");
            engine.removeVolume(name);
            progress.event("Volume", name, "Removed");
        }
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
