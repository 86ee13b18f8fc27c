package berth.runtime.runc;

/** A kernel release reduced to what seccomp's minKernel compares: major and minor. */
record KernelVersion(int major, int minor) {

    /** Parses "6.18", "5.4.0-150-generic", "4.8"; missing or odd parts count as 0. */
    static KernelVersion parse(String release) {
        String[] parts = release.trim().split("[.\\-+]");
        return new KernelVersion(number(parts, 0), number(parts, 1));
    }

    boolean atLeast(KernelVersion other) {
        return major != other.major ? major > other.major : minor >= other.minor;
    }

    private static int number(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        String digits = parts[i].replaceAll("\\D.*", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
