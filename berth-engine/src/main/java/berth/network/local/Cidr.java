package berth.network.local;

import berth.errors.BerthException;

/**
 * An IPv4 prefix: {@code base} is the first address (host bits cleared), {@code bits} the prefix length.
 * Addresses are ints (unsigned in meaning); 10.0.0.1 is 0x0A000001.
 */
record Cidr(int base, int bits) {
    Cidr {
        if (bits < 0 || bits > 32) {
            throw new IllegalArgumentException("prefix length " + bits);
        }
        base = base & mask(bits);
    }

    /** Parses "10.1.0.0/16". INVALID_ARGUMENT with {@code what} in the message when it is not one. */
    static Cidr parse(String s, String what) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw BerthException.invalid("invalid " + what + " " + s + ": not in CIDR notation (like 10.1.0.0/16)");
        }
        int bits;
        try {
            bits = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid " + what + " " + s + ": bad prefix length");
        }
        if (bits < 0 || bits > 32) {
            throw BerthException.invalid("invalid " + what + " " + s + ": bad prefix length");
        }
        return new Cidr(address(s.substring(0, slash), what), bits);
    }

    /** Parses a dotted IPv4 address. */
    static int address(String s, String what) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            throw BerthException.invalid("invalid " + what + " " + s + ": not an IPv4 address");
        }
        int a = 0;
        for (String octet : p) {
            int v;
            try {
                v = octet.isEmpty() || octet.length() > 3 ? -1 : Integer.parseInt(octet);
            } catch (NumberFormatException e) {
                v = -1;
            }
            if (v < 0 || v > 255) {
                throw BerthException.invalid("invalid " + what + " " + s + ": not an IPv4 address");
            }
            a = (a << 8) | v;
        }
        return a;
    }

    static String format(int a) {
        return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    static int mask(int bits) {
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    /** The number of addresses, as a long (a /0 has 2^32). */
    long size() {
        return 1L << (32 - bits);
    }

    int last() {
        return base | ~mask(bits);
    }

    boolean contains(int a) {
        return (a & mask(bits)) == base;
    }

    boolean contains(Cidr other) {
        return other.bits >= bits && contains(other.base);
    }

    boolean overlaps(Cidr other) {
        return contains(other.base) || other.contains(base);
    }

    @Override
    public String toString() {
        return format(base) + "/" + bits;
    }
}
