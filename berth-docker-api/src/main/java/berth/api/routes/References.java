package berth.api.routes;

/** Image reference spelling on the wire. */
final class References {
    private References() {}

    /**
     * The familiar form of a reference: the CLI normalises {@code x} to {@code docker.io/library/x}
     * in tag, commit and import requests, but RepoTags must show {@code x}.
     */
    static String familiar(String ref) {
        for (String prefix : new String[] {"docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"}) {
            if (ref.startsWith(prefix) && ref.length() > prefix.length()) {
                return ref.substring(prefix.length());
            }
        }
        return ref;
    }
}
