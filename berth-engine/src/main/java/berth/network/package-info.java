/**
 * Networks: the daemon's bridge, macvlan and ipvlan networks, the addresses it hands out on them, the
 * ports it publishes and the names its embedded DNS answers ({@link berth.network.NetworkService}).
 *
 * <p>The engine decides <em>what</em> to plug; three seams do the plugging, each implemented in
 * {@code berth-network}: {@link berth.network.NetworkDriver} (bridges, veths, VLAN parents, through the
 * CNI plugins), {@link berth.network.PacketFilter} (iptables: masquerade, isolation, published ports)
 * and {@link berth.network.ContainerDns} (the resolver at 127.0.0.11 inside each container).
 *
 * <p>On disk ({@code berth.network.local}): {@code <data-root>/networks/<id>.json} per network, and
 * {@code networks/endpoints/<container-id>.json} for each container whose network namespace is plugged
 * in: its addresses, aliases and published ports. The endpoint files are the truth about which
 * address is taken; at daemon start the files of containers that no longer run are deleted and the
 * packet filter is rebuilt from the rest.
 */
package berth.network;
