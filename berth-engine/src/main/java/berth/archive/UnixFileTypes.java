package berth.archive;

/**
 * The file-type bits of {@code st_mode} and the attributes the tree walkers read with one
 * {@code Files.readAttributes(path, ATTRIBUTES, NOFOLLOW_LINKS)} call.
 */
final class UnixFileTypes {
    static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,ino,dev,nlink,rdev";
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;
    static final int S_IFIFO = 0010000;

    private UnixFileTypes() {}
}
