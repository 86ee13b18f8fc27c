package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;

/**
 * The command of RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD: exec form (a JSON array of strings, run
 * as is) or shell form (text handed to the image's SHELL, {@code /bin/sh -c} by default).
 */
public sealed interface CommandLine {
    /** Exec form: {@code ["executable", "arg"]}; may be empty ({@code CMD []}). */
    record Exec(List<String> args) implements CommandLine {
        public Exec {
            args = List.copyOf(args);
        }
    }

    /** Shell form: the text as written, for the shell to interpret (it does its own expansion). */
    record Shell(String command) implements CommandLine {
        public Shell {
            Objects.requireNonNull(command, "command");
        }
    }
}
