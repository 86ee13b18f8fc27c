package berth.network.local;

import java.util.Collection;
import java.util.Optional;

/**
 * Picks subnets for networks created without one. berth's ranges are chosen to stay clear of
 * Docker's (172.17.0.0/16 and up, 192.168.0.0/16) and Podman's (10.88.0.0/16, 10.89.0.0/16) defaults,
 * so the three can run on one host: the default bridge gets the first of {@link #DEFAULT_BRIDGE_CANDIDATES}
 * free of the host's routes, user networks a /24 out of 10.210.0.0–10.219.255.0.
 */
final class SubnetChooser {
    static final String[] DEFAULT_BRIDGE_CANDIDATES = {"10.209.0.0/16", "10.208.0.0/16", "10.207.0.0/16",
        "10.206.0.0/16", "10.205.0.0/16", "10.204.0.0/16", "10.203.0.0/16", "10.202.0.0/16", "10.201.0.0/16",
        "10.200.0.0/16"};
    private static final Cidr USER_POOL = new Cidr(Cidr.address("10.210.0.0", "pool"), 15);
    private static final Cidr USER_POOL_2 = new Cidr(Cidr.address("10.212.0.0", "pool"), 14);
    private static final Cidr USER_POOL_3 = new Cidr(Cidr.address("10.216.0.0", "pool"), 14);
    private static final int USER_BITS = 24;

    private SubnetChooser() {}

    /** The default bridge's subnet: the first candidate that overlaps nothing in {@code inUse}. */
    static Optional<Cidr> defaultBridge(Collection<Cidr> inUse) {
        for (String c : DEFAULT_BRIDGE_CANDIDATES) {
            Cidr cidr = Cidr.parse(c, "subnet");
            if (inUse.stream().noneMatch(cidr::overlaps)) {
                return Optional.of(cidr);
            }
        }
        return Optional.empty();
    }

    /** A free /24 for a user network; empty when every one overlaps something in {@code inUse}. */
    static Optional<Cidr> userNetwork(Collection<Cidr> inUse) {
        for (Cidr pool : new Cidr[] {USER_POOL, USER_POOL_2, USER_POOL_3}) {
            long count = pool.size() >> (32 - USER_BITS);
            for (long i = 0; i < count; i++) {
                Cidr candidate = new Cidr((int) (pool.base() + (i << (32 - USER_BITS))), USER_BITS);
                if (inUse.stream().noneMatch(candidate::overlaps)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The gateway Docker picks: the subnet's first host address. */
    static int gatewayOf(Cidr subnet) {
        return subnet.base() + 1;
    }
}
