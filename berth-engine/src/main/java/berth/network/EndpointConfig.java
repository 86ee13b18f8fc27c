package berth.network;

import java.util.List;

/**
 * How a container wants to be on one network ({@code NetworkingConfig.EndpointsConfig.<net>}, or
 * {@code network connect} flags).
 *
 * @param aliases     extra DNS names on this network ({@code --network-alias}, {@code --alias})
 * @param links       "container:alias" or "container" ({@code --link}): the alias resolves to that container
 * @param ipv4Address a fixed address ({@code --ip}); "" for one from the pool
 */
public record EndpointConfig(List<String> aliases, List<String> links, String ipv4Address) {
    public static final EndpointConfig DEFAULT = new EndpointConfig(List.of(), List.of(), "");

    public EndpointConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        links = links == null ? List.of() : List.copyOf(links);
        ipv4Address = ipv4Address == null ? "" : ipv4Address;
    }
}
