package berth.cli.command;

import berth.cli.BerthCommand;
import berth.cli.Streams;
import berth.client.DaemonClient;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the commands that talk to the daemon; {@link #call()} returns the exit status. */
abstract class DaemonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    BerthCommand root() {
        return (BerthCommand) spec.root().userObject();
    }

    DaemonClient client() {
        return root().client();
    }

    /** docker's prune prompt: prints the warning, asks, and says whether the answer was yes. */
    static boolean confirmed(String warning) throws java.io.IOException {
        return confirmedOneLine(warning + "\nAre you sure you want to continue?");
    }

    /** docker's PromptForConfirmation: {@code message [y/N] } on one line ({@code builder prune} asks this way). */
    static boolean confirmedOneLine(String message) throws java.io.IOException {
        out().print(message + " [y/N] ");
        out().flush();
        String answer = new java.io.BufferedReader(new java.io.InputStreamReader(Streams.IN,
                java.nio.charset.StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    static PrintStream out() {
        return Streams.OUT;
    }

    static PrintStream err() {
        return Streams.ERR;
    }
}
