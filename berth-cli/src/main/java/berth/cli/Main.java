package berth.cli;

import berth.cli.command.Commands;
import berth.cli.format.TemplateException;
import berth.client.ClientException;
import berth.client.DaemonErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code berth} CLI. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.getenv());
        } finally {
            Streams.flush();
        }
        System.exit(code);
    }

    public static int run(String[] args, Map<String, String> env) {
        BerthCommand root = new BerthCommand(env);
        CommandLine cl = new CommandLine(root);
        // Building picocli's model for every command costs start-up time; only the one being run is
        // registered (all of them when there is none, for help and "unknown command").
        Commands.register(cl, Commands.commandWord(args));
        cl.setOut(new java.io.PrintWriter(Streams.OUT, true));
        cl.setErr(new java.io.PrintWriter(Streams.ERR, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, root));
        cl.setParameterExceptionHandler((ex, args2) -> {
            CommandLine c = ex.getCommandLine();
            Streams.ERR.println("berth: " + ex.getMessage());
            Streams.ERR.println();
            Streams.ERR.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for more information");
            return ExitCodes.DAEMON_REFUSED; // docker exits 125 on flag errors
        });
        return cl.execute(args);
    }

    private static int handle(Exception ex, BerthCommand root) {
        if (root.debug()) {
            ex.printStackTrace(Streams.ERR);
        }
        switch (ex) {
            case CliException c -> {
                if (!c.getMessage().isEmpty()) {
                    Streams.ERR.println(c.getMessage());
                }
                return c.exitCode();
            }
            case DaemonErrorException d -> Streams.ERR.println("Error response from daemon: " + d.daemonMessage());
            case ClientException c -> Streams.ERR.println(c.getMessage());
            case TemplateException t -> Streams.ERR.println("template parsing error: " + t.getMessage());
            case UncheckedIOException u -> Streams.ERR.println("error: " + u.getCause().getMessage());
            case IOException io -> Streams.ERR.println("error: " + io.getMessage());
            default -> {
                Streams.ERR.println("berth: internal error: " + ex);
                if (!root.debug()) {
                    Streams.ERR.println("(run with --log-level debug for the stack trace)");
                }
            }
        }
        return ExitCodes.ERROR;
    }
}
