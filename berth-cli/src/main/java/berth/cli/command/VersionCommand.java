package berth.cli.command;

import berth.cli.Version;
import berth.client.ClientException;
import berth.client.DaemonClient;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code berth version}: the client part always, then the daemon's {@code GET /version}. */
@Command(name = "version", description = "Show the berth version information")
final class VersionCommand extends DaemonCommand {
    @Override
    public Integer call() {
        out().println("Client:");
        row(" ", "Version:", Version.VERSION);
        row(" ", "API version:", DaemonClient.MAX_API_VERSION.toString());
        row(" ", "Java version:", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        row(" ", "OS/Arch:", "linux/" + arch(System.getProperty("os.arch")));
        out().println();
        out().flush();
        JsonNode v;
        try {
            v = client().getJson("/version", Query.of());
        } catch (ClientException e) {
            throw e;
        }
        out().println("Server:" + (v.path("Platform").path("Name").asText("").isEmpty() ? "" : " " + v.path("Platform").path("Name").asText()));
        out().println(" Engine:");
        row("  ", "Version:", v.path("Version").asText());
        String api = v.path("ApiVersion").asText();
        String min = v.path("MinAPIVersion").asText("");
        row("  ", "API version:", api + (min.isEmpty() ? "" : " (minimum version " + min + ")"));
        for (String[] f : new String[][] {{"Go version:", "GoVersion"}, {"Git commit:", "GitCommit"}, {"Built:", "BuildTime"}}) {
            if (!v.path(f[1]).asText("").isEmpty()) {
                row("  ", f[0], v.path(f[1]).asText());
            }
        }
        row("  ", "OS/Arch:", v.path("Os").asText() + "/" + v.path("Arch").asText());
        row("  ", "Experimental:", String.valueOf(v.path("Experimental").asBoolean(false)));
        for (JsonNode c : v.path("Components")) {
            if (c.path("Name").asText().equals("Engine")) {
                continue;
            }
            out().println(" " + c.path("Name").asText() + ":");
            row("  ", "Version:", c.path("Version").asText());
        }
        return 0;
    }

    private static void row(String indent, String label, String value) {
        // docker aligns values at column 20 including the indent
        out().println(indent + label + " ".repeat(Math.max(1, 20 - indent.length() - label.length())) + value);
    }

    private static String arch(String javaArch) {
        return switch (javaArch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> javaArch;
        };
    }
}
