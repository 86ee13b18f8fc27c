package berth.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process's stdio as the CLI uses it: UTF-8 whatever the locale (docker prints "…" and names
 * as UTF-8 bytes), buffered, and flushed by {@link Main} on exit and by streaming code per chunk.
 */
public final class Streams {
    public static final PrintStream OUT = new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024), false, StandardCharsets.UTF_8);
    public static final PrintStream ERR = new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 8 * 1024), false, StandardCharsets.UTF_8);
    public static final InputStream IN = new FileInputStream(FileDescriptor.in);

    private Streams() {}

    public static void flush() {
        OUT.flush();
        ERR.flush();
    }
}
