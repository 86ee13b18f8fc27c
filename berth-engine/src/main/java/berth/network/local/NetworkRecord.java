package berth.network.local;

import berth.network.IpamPool;
import berth.network.Network;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** On-disk form of a network ({@code networks/<id>.json}): plain types, epoch nanos. */
record NetworkRecord(String id, String name, String driver, long createdNanos, boolean internal, boolean attachable,
        List<IpamPool> ipam, Map<String, String> options, Map<String, String> labels) {

    static NetworkRecord of(Network n) {
        Instant t = n.created();
        return new NetworkRecord(n.id(), n.name(), n.driver(), t.getEpochSecond() * 1_000_000_000L + t.getNano(),
                n.internal(), n.attachable(), n.ipam(), n.options(), n.labels());
    }

    Network toNetwork() {
        return new Network(id, name, driver, Instant.ofEpochSecond(0, createdNanos), internal, attachable,
                ipam == null ? List.of() : ipam, options == null ? Map.of() : options,
                labels == null ? Map.of() : labels);
    }
}
