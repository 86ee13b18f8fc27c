package berth.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a download beside its target and renames it, so a failed transfer leaves no half-written file. */
final class AtomicFile {
    private AtomicFile() {}

    static void write(Path target, InputStream in) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), ".berth-", ".tmp");
        try {
            try (OutputStream o = Files.newOutputStream(tmp)) {
                in.transferTo(o);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
