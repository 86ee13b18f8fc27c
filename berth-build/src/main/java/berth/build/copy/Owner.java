package berth.build.copy;

/** A numeric owner given to what a step copies. */
public record Owner(long uid, long gid) {
    public static final Owner ROOT = new Owner(0, 0);

    public Owner {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("negative uid or gid: " + uid + ":" + gid);
        }
    }
}
