package berth.network.local;

import berth.network.Network;
import berth.store.AtomicFiles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of the network service: {@code networks/<id>.json} and
 * {@code networks/endpoints/<container-id>.json}, each written atomically (temp, fsync, rename).
 */
final class NetworkStore {
    private static final System.Logger LOG = System.getLogger(NetworkStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path networks;
    private final Path endpoints;

    NetworkStore(Path dataRoot) throws IOException {
        this.networks = dataRoot.resolve("networks");
        this.endpoints = networks.resolve("endpoints");
        Files.createDirectories(endpoints);
    }

    List<Network> loadNetworks() throws IOException {
        List<Network> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(networks)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    out.add(JSON.readValue(f.toFile(), NetworkRecord.class).toNetwork());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "ignoring unreadable network file " + f + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    void save(Network n) {
        write(networks.resolve(n.id() + ".json"), NetworkRecord.of(n));
    }

    void delete(Network n) {
        deleteQuietly(networks.resolve(n.id() + ".json"));
    }

    List<ContainerNetworking> loadContainers() throws IOException {
        List<ContainerNetworking> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(endpoints)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    out.add(JSON.readValue(f.toFile(), ContainerNetworking.class));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "ignoring unreadable endpoint file " + f + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    void save(ContainerNetworking c) {
        write(endpoints.resolve(c.containerId() + ".json"), c);
    }

    void delete(String containerId) {
        deleteQuietly(endpoints.resolve(containerId + ".json"));
    }

    private static void write(Path file, Object value) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw berth.errors.BerthException.internal("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + p + ": " + e.getMessage());
        }
    }
}
