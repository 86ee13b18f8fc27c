package berth.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The top-level commands, registered by name so that only the one being run pays for its model. */
public final class Commands {
    private static final Map<String, Supplier<Object>> TOP = new LinkedHashMap<>();

    static {
        TOP.put("version", VersionCommand::new);
        TOP.put("info", InfoCommand::new);
        TOP.put("run", RunCommand::new);
        TOP.put("create", CreateCommand::new);
        TOP.put("start", StartCommand::new);
        TOP.put("ps", PsCommand::new);
        TOP.put("logs", LogsCommand::new);
        TOP.put("stop", StopCommand::new);
        TOP.put("kill", KillCommand::new);
        TOP.put("restart", RestartCommand::new);
        TOP.put("pause", PauseCommand::new);
        TOP.put("unpause", UnpauseCommand::new);
        TOP.put("rename", RenameCommand::new);
        TOP.put("top", TopCommand::new);
        TOP.put("wait", WaitCommand::new);
        TOP.put("exec", ExecCommand::new);
        TOP.put("attach", AttachCommand::new);
        TOP.put("cp", CpCommand::new);
        TOP.put("export", ExportCommand::new);
        TOP.put("diff", DiffCommand::new);
        TOP.put("commit", CommitCommand::new);
        TOP.put("port", PortCommand::new);
        TOP.put("stats", StatsCommand::new);
        TOP.put("update", UpdateCommand::new);
        TOP.put("events", EventsCommand::new);
        TOP.put("rm", RmCommand::new);
        TOP.put("inspect", InspectCommand::new);
        TOP.put("images", ImagesCommand::new);
        TOP.put("image", ImageCommand::new);
        TOP.put("import", ImportCommand::new);
        TOP.put("load", LoadCommand::new);
        TOP.put("save", SaveCommand::new);
        TOP.put("tag", TagCommand::new);
        TOP.put("rmi", RmiCommand::new);
        TOP.put("history", HistoryCommand::new);
        TOP.put("pull", PullCommand::new);
        TOP.put("push", PushCommand::new);
        TOP.put("login", LoginCommand::new);
        TOP.put("logout", LogoutCommand::new);
        TOP.put("volume", VolumeCommand::new);
        TOP.put("network", NetworkCommand::new);
        TOP.put("build", BuildCommand::new);
        TOP.put("builder", BuilderCommand::new);
        TOP.put("bootstrap", BootstrapCommand::new);
        TOP.put("compose", berth.cli.command.compose.ComposeCommand::new);
    }

    private Commands() {}

    /** The first argument that is not a global option or its value; null when there is none. */
    public static String commandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-H") || a.equals("--host") || a.equals("-l") || a.equals("--log-level") || a.equals("--config")) {
                i++; // skip the option's value
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** Adds the named command, or all of them when the word is not a known command. */
    public static void register(CommandLine root, String word) {
        Supplier<Object> one = word == null ? null : TOP.get(word);
        if (one != null) {
            root.addSubcommand(word, one.get());
        } else {
            TOP.forEach((name, supplier) -> root.addSubcommand(name, supplier.get()));
        }
        // everything after the image is the container's command, options included (run busybox ls -l);
        // likewise everything after top's container goes to ps (top web -o pid,comm), and exec's command
        // keeps its own options (exec web ls -l)
        for (String name : new String[] {"run", "create", "top", "exec"}) {
            CommandLine c = root.getSubcommands().get(name);
            if (c != null) {
                c.setStopAtPositional(true);
            }
        }
        berth.cli.command.compose.ComposeCommand.configure(root.getSubcommands().get("compose"));
    }
}
