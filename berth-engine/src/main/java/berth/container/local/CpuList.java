package berth.container.local;

import java.util.Set;
import java.util.TreeSet;

/**
 * Linux's CPU and memory-node list syntax ("0-3,5"), as {@code --cpuset-cpus} and the cpuset
 * cgroup files use it. Parsing follows Docker's {@code parsers.ParseUintList}: an unparsable list
 * is an error naming the whole value.
 */
final class CpuList {
    private static final int MAX_ID = 1 << 16;
    private CpuList() {}

    /** The numbers in {@code list}; empty for "". IllegalArgumentException "invalid format: X" otherwise. */
    static Set<Integer> parse(String list) {
        Set<Integer> out = new TreeSet<>();
        if (list == null || list.isEmpty()) {
            return out;
        }
        IllegalArgumentException invalid = new IllegalArgumentException("invalid format: " + list);
        for (String part : list.split(",", -1)) {
            int dash = part.indexOf('-');
            try {
                if (dash < 0) {
                    out.add(number(part));
                    continue;
                }
                int lo = number(part.substring(0, dash));
                int hi = number(part.substring(dash + 1));
                // Linux knows at most a few thousand CPUs; a huge range is a typo, not a request
                if (hi < lo || hi > MAX_ID) {
                    throw invalid;
                }
                for (int i = lo; i <= hi; i++) {
                    out.add(i);
                }
            } catch (NumberFormatException e) {
                throw invalid;
            }
        }
        return out;
    }

    private static int number(String s) {
        int n = Integer.parseInt(s);
        if (n < 0 || n > MAX_ID) {
            throw new NumberFormatException(s);
        }
        return n;
    }
}
