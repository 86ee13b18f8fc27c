package berth.build.copy;

import berth.container.ContainerService;
import berth.container.PathStat;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** What a step needs to know of its destination container's files, asked through the engine. */
final class ContainerFiles implements CopyPlanner.Probe {
    /** A passwd or group file larger than this is not read (it is not one). */
    private static final int MAX_TEXT = 16 << 20;

    private final ContainerService containers;
    private final String containerId;

    ContainerFiles(ContainerService containers, String containerId) {
        this.containers = containers;
        this.containerId = containerId;
    }

    @Override
    public CopyPlanner.Kind kind(String path) {
        Optional<PathStat> st = stat(path);
        if (st.isEmpty()) {
            return CopyPlanner.Kind.MISSING;
        }
        if (st.get().isDirectory()) {
            return CopyPlanner.Kind.DIRECTORY;
        }
        if (st.get().isSymlink()) {
            Optional<PathStat> target = stat(st.get().linkTarget());
            if (target.isEmpty()) {
                return CopyPlanner.Kind.DANGLING_LINK;
            }
            return target.get().isDirectory() ? CopyPlanner.Kind.DIRECTORY : CopyPlanner.Kind.OTHER;
        }
        return CopyPlanner.Kind.OTHER;
    }

    /** A regular file's text (symlinks followed inside the root), empty when there is none. */
    Optional<String> text(String path) {
        String file = path;
        Optional<PathStat> st = stat(file);
        if (st.isPresent() && st.get().isSymlink()) {
            file = st.get().linkTarget();
            st = stat(file);
        }
        if (st.isEmpty() || (st.get().mode() & PathStat.S_IFMT) != PathStat.S_IFREG || st.get().size() > MAX_TEXT) {
            return Optional.empty();
        }
        String regular = file;
        return TarPipe.run(out -> containers.archivePath(containerId, regular, s -> out), in -> {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            TarArchiveEntry e = tar.getNextEntry();
            if (e == null || !e.isFile()) {
                return Optional.empty();
            }
            return Optional.of(new String(tar.readNBytes(MAX_TEXT), StandardCharsets.UTF_8));
        });
    }

    private Optional<PathStat> stat(String path) {
        try {
            return Optional.of(containers.statPath(containerId, path));
        } catch (BerthException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
