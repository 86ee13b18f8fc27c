package berth.cli.command;

import berth.client.Query;

/** Splitting image references and building request paths from user-given names. */
final class Refs {
    private Refs() {}

    /** A repository and tag: "busybox" → (busybox, latest); "reg:5000/x:v1" → (reg:5000/x, v1); a digest keeps no tag. */
    record RepoTag(String repo, String tag) {}

    static RepoTag split(String ref, String defaultTag) {
        int at = ref.indexOf('@');
        if (at >= 0) {
            return new RepoTag(ref.substring(0, at), null);
        }
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            return new RepoTag(ref.substring(0, colon), ref.substring(colon + 1));
        }
        return new RepoTag(ref, defaultTag);
    }

    static String container(String nameOrId) {
        return "/containers/" + Query.pathSegment(nameOrId);
    }

    static String image(String ref) {
        return "/images/" + Query.pathSegment(ref);
    }
}
