/**
 * The embedded DNS server ({@link berth.network.dns.EmbeddedDns}): Docker's resolver at 127.0.0.11
 * inside each container on a user-defined network.
 *
 * <p>Per container a {@code DnsListener} holds a UDP and a TCP socket bound at 127.0.0.11:53. They are
 * created inside the container's network namespace by {@link berth.sys.NetNamespace} (a socket stays
 * in the namespace it was made in) and served by the daemon's virtual threads, which live in the
 * host's namespace. A {@code QueryHandler} answers each question: names the engine knows (container
 * names, short ids, aliases) with their A records, built by {@code Answers}; everything else is sent
 * on by the {@code Forwarder} to the host's resolvers (resolv.conf's nameservers), from the host's
 * namespace, so loopback resolvers such as systemd-resolved's 127.0.0.53 work too. dnsjava parses and
 * builds the messages; forwarded answers pass through byte for byte but for their id.
 */
package berth.network.dns;
