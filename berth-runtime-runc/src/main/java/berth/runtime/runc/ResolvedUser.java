package berth.runtime.runc;

import java.util.List;

/** The numeric identity a container process runs as: OCI's process.user. */
record ResolvedUser(int uid, int gid, List<Integer> additionalGids) {
    ResolvedUser {
        additionalGids = List.copyOf(additionalGids);
    }
}
