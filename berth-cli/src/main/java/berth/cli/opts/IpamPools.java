package berth.cli.opts;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code network create --subnet/--gateway/--ip-range}: each gateway and range goes with the subnet
 * that contains it, as the docker CLI pairs them (its createIPAMConfig), with its messages.
 */
public final class IpamPools {
    private IpamPools() {}

    /** One pool: its subnet, and the gateway and range given for it ("" when none). */
    public record Pool(String subnet, String gateway, String ipRange) {}

    public static List<Pool> of(List<String> subnets, List<String> gateways, List<String> ranges) {
        if (subnets.isEmpty() && (!gateways.isEmpty() || !ranges.isEmpty())) {
            throw new BadValueException("every ip-range or gateway must have a corresponding subnet");
        }
        Map<String, String[]> bySubnet = new LinkedHashMap<>(); // subnet -> {gateway, range}
        for (String s : subnets) {
            Cidr c = Cidr.parse(s);
            for (String other : bySubnet.keySet()) {
                if (Cidr.parse(other).overlaps(c)) {
                    throw new BadValueException("multiple overlapping subnet configuration is not supported");
                }
            }
            bySubnet.put(s, new String[] {"", ""});
        }
        for (String r : ranges) {
            Cidr range = Cidr.parse(r);
            String[] slot = owner(bySubnet, range.address(), "no matching subnet for range " + r);
            if (!slot[1].isEmpty()) {
                throw new BadValueException("cannot configure multiple ranges (" + r + ", " + slot[1]
                        + ") on the same subnet (" + subnetOf(bySubnet, slot) + ")");
            }
            slot[1] = r;
        }
        for (String g : gateways) {
            if (!NetOpts.isIp(g)) {
                throw new BadValueException("invalid gateway address: " + g);
            }
            String[] slot = owner(bySubnet, toNumber(g), "no matching subnet for gateway " + g);
            if (!slot[0].isEmpty()) {
                throw new BadValueException("cannot configure multiple gateways (" + g + ", " + slot[0]
                        + ") for the same subnet (" + subnetOf(bySubnet, slot) + ")");
            }
            slot[0] = g;
        }
        List<Pool> out = new ArrayList<>();
        bySubnet.forEach((s, slot) -> out.add(new Pool(s, slot[0], slot[1])));
        return out;
    }

    private static String[] owner(Map<String, String[]> bySubnet, BigInteger address, String notFound) {
        for (var e : bySubnet.entrySet()) {
            if (Cidr.parse(e.getKey()).contains(address)) {
                return e.getValue();
            }
        }
        throw new BadValueException(notFound);
    }

    private static String subnetOf(Map<String, String[]> bySubnet, String[] slot) {
        return bySubnet.entrySet().stream().filter(e -> e.getValue() == slot).findFirst().orElseThrow().getKey();
    }

    private static BigInteger toNumber(String ip) {
        return new BigInteger(1, InetAddress.ofLiteral(ip).getAddress());
    }

    /** An address block "10.1.0.0/16". */
    private record Cidr(BigInteger address, int bits, int prefix) {
        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            String ip = slash < 0 ? s : s.substring(0, slash);
            if (slash < 0 || !NetOpts.isIp(ip)) {
                throw new BadValueException("invalid CIDR address: " + s);
            }
            int bits = ip.contains(":") ? 128 : 32;
            int prefix;
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new BadValueException("invalid CIDR address: " + s);
            }
            if (prefix < 0 || prefix > bits) {
                throw new BadValueException("invalid CIDR address: " + s);
            }
            return new Cidr(toNumber(ip), bits, prefix);
        }

        BigInteger network() {
            return address.shiftRight(bits - prefix);
        }

        boolean contains(BigInteger a) {
            return a.bitLength() <= bits && a.shiftRight(bits - prefix).equals(network());
        }

        boolean overlaps(Cidr o) {
            if (bits != o.bits) {
                return false;
            }
            int p = Math.min(prefix, o.prefix);
            return address.shiftRight(bits - p).equals(o.address.shiftRight(bits - p));
        }
    }
}
