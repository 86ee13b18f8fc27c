/**
 * The packet filter on iptables ({@link berth.network.firewall.IptablesPacketFilter}): masquerade,
 * isolation between bridge networks, internal networks and published ports, all in berth's own
 * chains (filter BERTH-INPUT, BERTH-FORWARD, BERTH-ISOLATION; nat BERTH-DNAT, BERTH-POSTROUTING),
 * hooked at the top of the built-in chains. {@link berth.network.firewall.FirewallRules} renders the
 * rules (pure); {@link berth.network.firewall.Iptables} applies them with iptables-restore;
 * {@link berth.network.firewall.HostPorts} holds each published host port with a bound socket.
 *
 * <p>Two daemons in one network namespace share these chains: a reset by one wipes the other's rules.
 */
package berth.network.firewall;
