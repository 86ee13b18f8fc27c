package berth.build.exec;

import berth.archive.TarWriter;
import berth.container.ContainerService;
import berth.container.ExtractOptions;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** WORKDIR's directory: made in the step's container (root-owned, 0755) when it does not exist yet. */
final class Workdirs {
    private Workdirs() {}

    static void ensure(ContainerService containers, String containerId, String dir) {
        String path = BuildRun.cleanPath(dir);
        List<String> missing = new ArrayList<>();
        String existing = path;
        while (!existing.equals("/") && !exists(containers, containerId, existing)) {
            int slash = existing.lastIndexOf('/');
            missing.addFirst(existing.substring(slash + 1));
            existing = slash == 0 ? "/" : existing.substring(0, slash);
        }
        if (missing.isEmpty()) {
            return;
        }
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try {
            TarWriter writer = new TarWriter(tar);
            StringBuilder name = new StringBuilder();
            long now = System.currentTimeMillis() / 1000;
            for (String part : missing) {
                name.append(part).append('/');
                writer.put(TarWriter.Header.of(name.toString(), TarWriter.DIRECTORY, 0755, 0, 0, now));
            }
            writer.finish();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a tar in memory", e);
        }
        containers.extractToDir(containerId, existing, new ByteArrayInputStream(tar.toByteArray()),
                ExtractOptions.DEFAULT);
    }

    private static boolean exists(ContainerService containers, String containerId, String path) {
        try {
            containers.statPath(containerId, path);
            return true;
        } catch (BerthException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
