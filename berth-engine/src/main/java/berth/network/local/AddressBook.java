package berth.network.local;

import berth.errors.BerthException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * berth's IPAM: which addresses of each network are taken. Addresses are handed out from the pool's
 * range in rising order after the last one given (Docker's allocator does the same), so a released
 * address is not reused at once; the network address, the broadcast address and the gateway are never
 * handed out. Not persistent by itself: the endpoint files are the truth and are replayed at start.
 */
final class AddressBook {
    private final Map<String, Set<Integer>> taken = new HashMap<>();
    private final Map<String, Integer> cursor = new HashMap<>();

    /**
     * Takes an address of {@code subnet} (within {@code range}, which may equal the subnet): the one
     * {@code wanted} (0: any). CONFLICT "Address already in use" or INVALID_ARGUMENT when it does not
     * fit; UNAVAILABLE-like CONFLICT when the range is full.
     */
    synchronized int take(String networkId, Cidr subnet, Cidr range, int gateway, int wanted) {
        Set<Integer> used = taken.computeIfAbsent(networkId, k -> new HashSet<>());
        if (wanted != 0) {
            if (!subnet.contains(wanted) || reserved(subnet, gateway, wanted)) {
                throw BerthException.invalid("invalid address " + Cidr.format(wanted) + ": not usable in " + subnet);
            }
            if (!used.add(wanted)) {
                throw BerthException.conflict("Address already in use: " + Cidr.format(wanted));
            }
            return wanted;
        }
        long n = range.size();
        int start = cursor.getOrDefault(networkId, range.base());
        for (long i = 1; i <= n; i++) {
            int candidate = (int) (range.base() + Math.floorMod((long) (start - range.base()) + i, n));
            if (!reserved(subnet, gateway, candidate) && used.add(candidate)) {
                cursor.put(networkId, candidate);
                return candidate;
            }
        }
        throw BerthException.conflict("no available IPv4 addresses on this network's address pools: " + subnet);
    }

    /** Marks an address taken (replaying an endpoint file). */
    synchronized void mark(String networkId, int address) {
        taken.computeIfAbsent(networkId, k -> new HashSet<>()).add(address);
    }

    synchronized void release(String networkId, int address) {
        Set<Integer> used = taken.get(networkId);
        if (used != null) {
            used.remove(address);
        }
    }

    synchronized void forgetNetwork(String networkId) {
        taken.remove(networkId);
        cursor.remove(networkId);
    }

    synchronized int count(String networkId) {
        return taken.getOrDefault(networkId, Set.of()).size();
    }

    private static boolean reserved(Cidr subnet, int gateway, int a) {
        if (a == gateway) {
            return true;
        }
        return subnet.bits() <= 30 && (a == subnet.base() || a == subnet.last());
    }
}
