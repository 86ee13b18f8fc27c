package berth.daemon;

import berth.errors.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** dockerd's pidfile rule: refuse to start while the pid in an existing file is alive. */
record Pidfile(Path path) {
    static Pidfile create(Path path) {
        try {
            if (Files.isRegularFile(path)) {
                String old = Files.readString(path).strip();
                if (old.matches("\\d+") && ProcessHandle.of(Long.parseLong(old)).map(ProcessHandle::isAlive).orElse(false)
                        && Long.parseLong(old) != ProcessHandle.current().pid()) {
                    throw BerthException.conflict("pid file found, ensure berth is not running or delete " + path);
                }
            }
            Files.createDirectories(path.toAbsolutePath().getParent());
            berth.store.AtomicFiles.write(path, (ProcessHandle.current().pid() + "\n").getBytes());
            return new Pidfile(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + path, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // shutting down anyway
        }
    }
}
