package berth.container;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where {@link ContainerService#archivePath} writes its tar. The path's stat is handed over before
 * the first byte, so an API can send it as a header; the stream is the caller's to flush and close.
 */
@FunctionalInterface
public interface ArchiveSink {
    OutputStream open(PathStat stat) throws IOException;
}
