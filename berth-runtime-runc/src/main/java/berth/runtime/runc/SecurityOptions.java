package berth.runtime.runc;

import java.util.List;
import java.util.Optional;

/**
 * The runtime's reading of {@code --security-opt}, already validated by the engine: seccomp
 * ("unconfined", "builtin", or a profile's JSON, which the docker CLI sends in place of the file
 * name) and no-new-privileges. "key:value" is Docker's deprecated spelling of "key=value".
 *
 * @param seccompProfile empty: the default profile
 */
record SecurityOptions(boolean noNewPrivileges, boolean seccompUnconfined, Optional<String> seccompProfile) {

    static SecurityOptions parse(List<String> opts) {
        boolean nnp = false;
        boolean unconfined = false;
        Optional<String> profile = Optional.empty();
        for (String opt : opts) {
            if (opt.equals("no-new-privileges")) {
                nnp = true;
                continue;
            }
            int eq = opt.indexOf('=');
            int sep = eq >= 0 ? eq : opt.indexOf(':');
            if (sep < 0) {
                continue;
            }
            String key = opt.substring(0, sep);
            String value = opt.substring(sep + 1);
            switch (key) {
                case "no-new-privileges" -> nnp = Boolean.parseBoolean(value) || value.equals("1") || value.equalsIgnoreCase("t");
                case "seccomp" -> {
                    unconfined = value.equals("unconfined");
                    profile = unconfined || value.equals("builtin") ? Optional.empty() : Optional.of(value);
                }
                default -> { } // apparmor, label: nothing to apply on a host without those LSMs
            }
        }
        return new SecurityOptions(nnp, unconfined, profile);
    }
}
