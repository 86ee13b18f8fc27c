package berth.sys;

import java.io.IOException;

/** A failed system call, with its errno so callers can tell EEXIST from ENOENT without parsing text. */
public final class ErrnoException extends IOException {
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int EBUSY = 16;
    public static final int ENOTDIR = 20;
    public static final int EPERM = 1;
    public static final int EAGAIN = 11;
    public static final int ECONNREFUSED = 111;

    private final int errno;

    public ErrnoException(String message, int errno) {
        super(message + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
