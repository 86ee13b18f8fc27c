package berth.cli.bootstrap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells a statically linked ELF executable from a dynamic one: a dynamic executable names its
 * loader in a PT_INTERP program header, which cannot work inside a rootfs that has no loader.
 */
public final class StaticElf {
    private static final int PT_INTERP = 3;

    private StaticElf() {}

    /** Whether the file is a 64- or 32-bit ELF without a PT_INTERP header. */
    public static boolean isStatic(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer ident = ByteBuffer.allocate(64);
            ch.read(ident, 0);
            ident.flip();
            if (ident.limit() < 52 || ident.get(0) != 0x7f || ident.get(1) != 'E' || ident.get(2) != 'L' || ident.get(3) != 'F') {
                throw new IOException(file + " is not an ELF executable");
            }
            boolean is64 = ident.get(4) == 2;
            ident.order(ident.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long phoff = is64 ? ident.getLong(32) : Integer.toUnsignedLong(ident.getInt(28));
            int phentsize = Short.toUnsignedInt(ident.getShort(is64 ? 54 : 42));
            int phnum = Short.toUnsignedInt(ident.getShort(is64 ? 56 : 44));
            if (phnum == 0 || phentsize < 4) {
                throw new IOException(file + " has no program headers: not an executable");
            }
            ByteBuffer ph = ByteBuffer.allocate(phentsize * phnum).order(ident.order());
            ch.read(ph, phoff);
            for (int i = 0; i < phnum; i++) {
                if (ph.getInt(i * phentsize) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        }
    }
}
