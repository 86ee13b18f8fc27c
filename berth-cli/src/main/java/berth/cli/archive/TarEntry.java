package berth.cli.archive;

/** One tar header as the CLI needs it: name, type, mode, owner, times and, for links, the target. */
public record TarEntry(String name, Type type, int mode, long uid, long gid, long size, long mtimeSeconds, String linkTarget) {
    public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    public TarEntry withName(String newName) {
        return new TarEntry(newName, type, mode, uid, gid, size, mtimeSeconds, linkTarget);
    }
}
