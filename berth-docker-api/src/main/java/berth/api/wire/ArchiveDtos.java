package berth.api.wire;

import berth.container.FileChange;
import berth.container.PathStat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire shapes of {@code docker cp} and {@code docker diff}, as dockerd writes them. */
public final class ArchiveDtos {
    private ArchiveDtos() {}

    // Go's os.FileMode bits (io/fs): the file type lives in the top bits, not in S_IFMT.
    static final long GO_MODE_DIR = 1L << 31;
    static final long GO_MODE_SYMLINK = 1L << 27;
    static final long GO_MODE_DEVICE = 1L << 26;
    static final long GO_MODE_NAMED_PIPE = 1L << 25;
    static final long GO_MODE_SOCKET = 1L << 24;
    static final long GO_MODE_SETUID = 1L << 23;
    static final long GO_MODE_SETGID = 1L << 22;
    static final long GO_MODE_CHAR_DEVICE = 1L << 21;
    static final long GO_MODE_STICKY = 1L << 20;

    /** The JSON inside {@code X-Docker-Container-Path-Stat}; its keys are lower-case in dockerd too. */
    public record PathStatHeader(
            @JsonProperty("name") String name,
            @JsonProperty("size") long size,
            @JsonProperty("mode") long mode,
            @JsonProperty("mtime") String mtime,
            @JsonProperty("linkTarget") String linkTarget) {}

    /** One line of {@code GET /containers/{id}/changes}. */
    public record Change(@JsonProperty("Path") String path, @JsonProperty("Kind") int kind) {}

    public static PathStatHeader pathStat(PathStat s) {
        return new PathStatHeader(s.name(), s.size(), goFileMode(s.mode()), Times.rfc3339Nano(s.mtime()), s.linkTarget());
    }

    /** Docker answers {@code null}, not {@code []}, when nothing changed. */
    public static List<Change> changes(List<FileChange> changes) {
        return changes.isEmpty() ? null : changes.stream().map(c -> new Change(c.path(), c.kind().ordinal())).toList();
    }

    /** A POSIX st_mode as Go's os.FileMode (what lstat gives a Go program). */
    public static long goFileMode(int stMode) {
        long m = stMode & 0777;
        m |= switch (stMode & 0170000) {
            case 0060000 -> GO_MODE_DEVICE;
            case 0020000 -> GO_MODE_DEVICE | GO_MODE_CHAR_DEVICE;
            case 0040000 -> GO_MODE_DIR;
            case 0010000 -> GO_MODE_NAMED_PIPE;
            case 0120000 -> GO_MODE_SYMLINK;
            case 0140000 -> GO_MODE_SOCKET;
            default -> 0L;
        };
        if ((stMode & 02000) != 0) {
            m |= GO_MODE_SETGID;
        }
        if ((stMode & 04000) != 0) {
            m |= GO_MODE_SETUID;
        }
        if ((stMode & 01000) != 0) {
            m |= GO_MODE_STICKY;
        }
        return m;
    }
}
