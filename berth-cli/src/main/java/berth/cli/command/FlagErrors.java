package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.opts.BadValueException;
import java.util.function.Supplier;

/**
 * Bad flag values reported as the docker CLI reports them, before anything is sent: "invalid
 * argument "V" for "FLAG" flag: REASON" (exit 125, as every flag error) for a value a flag parser
 * refused; "berth: REASON" for a later check (exit 125 for run/create, 1 for other commands); then
 * the usage hint.
 */
final class FlagErrors {
    private FlagErrors() {}

    /** Runs {@code build}, turning refused values into the command's usage error. */
    static <T> T checked(String command, String usage, int exitCode, Supplier<T> build) {
        try {
            return build.get();
        } catch (FlagValueException e) {
            throw new CliException(ExitCodes.DAEMON_REFUSED, "invalid argument \"" + e.value() + "\" for \"" + e.flag() + "\" flag: "
                    + e.getMessage() + "\n\nUsage:  berth " + command + " " + usage + "\n\n" + hint(command));
        } catch (BadValueException e) {
            throw new CliException(exitCode, "berth: " + e.getMessage() + "\n\n" + hint(command));
        }
    }

    private static String hint(String command) {
        return "Run 'berth " + command + " --help' for more information";
    }

    static final String CREATE_USAGE = "[OPTIONS] IMAGE [COMMAND] [ARG...]";

    static <T> T forCreate(String command, Supplier<T> build) {
        return checked(command, CREATE_USAGE, ExitCodes.DAEMON_REFUSED, build);
    }
}
