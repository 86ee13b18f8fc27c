package berth.cli.opts;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File errors in the words Go's os package uses, which docker's messages carry. */
final class OsErrors {
    private OsErrors() {}

    static String goOpenError(Path file, IOException e) {
        String why = switch (e) {
            case NoSuchFileException n -> "no such file or directory";
            case AccessDeniedException a -> "permission denied";
            default -> e.getMessage();
        };
        return "open " + file + ": " + why;
    }
}
