package berth.build.copy;

import berth.errors.BerthException;

/**
 * {@code --chmod=<octal>}: the permission bits every copied file and directory gets (symlinks keep
 * theirs). Docker 20.10's classic builder refuses the flag ("requires BuildKit"); berth applies it as
 * BuildKit does for octal modes.
 */
final class Chmod {
    private Chmod() {}

    static int parse(String flag) {
        if (flag.isEmpty() || flag.length() > 5 || !flag.chars().allMatch(c -> c >= '0' && c <= '7')) {
            throw BerthException.invalid("invalid chmod parameter: " + flag
                    + " (an octal mode such as 0755 or 644 is expected)");
        }
        int mode = Integer.parseInt(flag, 8);
        if (mode > 07777) {
            throw BerthException.invalid("invalid chmod parameter: " + flag + " (at most 7777)");
        }
        return mode;
    }
}
