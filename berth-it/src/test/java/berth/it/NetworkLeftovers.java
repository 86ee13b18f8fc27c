package berth.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a test daemon's networks leave on the host after it stopped (a daemon, like dockerd, keeps its
 * bridges and rules when it stops): the links it made (alias {@code berth:<network-id>}) and its
 * iptables chains. Also tells tests what is there, to check a crash leaked nothing.
 */
final class NetworkLeftovers {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{64})\"");

    private NetworkLeftovers() {}

    static void remove(Path dataRoot, String chainPrefix) throws IOException, InterruptedException {
        for (String link : linksOf(networkIds(dataRoot))) {
            run("ip", "link", "del", link);
        }
        for (String table : List.of("filter", "nat")) {
            removeChains(table, chainPrefix);
        }
    }

    /** The ids of the networks in a data root. */
    static List<String> networkIds(Path dataRoot) throws IOException {
        List<String> out = new ArrayList<>();
        Path dir = dataRoot.resolve("networks");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Matcher m = ID.matcher(Files.readString(f));
                if (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** Host links whose alias says berth made them, for any network (ids empty) or those given. */
    static List<String> berthLinks() throws IOException {
        return linksOf(null);
    }

    private static List<String> linksOf(List<String> ids) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
            for (Path l : links.toList()) {
                String alias;
                try {
                    alias = Files.readString(l.resolve("ifalias")).strip();
                } catch (IOException e) {
                    continue;
                }
                // berth:<daemon>:<network-id>
                if (alias.startsWith("berth:") && (ids == null || ids.contains(alias.substring(alias.lastIndexOf(':') + 1)))) {
                    out.add(l.getFileName().toString());
                }
            }
        }
        return out;
    }

    /** iptables rules (iptables -S form) of {@code table} that mention {@code text}. */
    static List<String> rules(String table, String text) throws IOException, InterruptedException {
        return run("iptables", "-w", "-t", table, "-S").lines().filter(l -> l.contains(text)).toList();
    }

    private static void removeChains(String table, String prefix) throws IOException, InterruptedException {
        List<String> rules = run("iptables", "-w", "-t", table, "-S").lines().toList();
        for (String r : rules) {
            // jumps from the built-in chains into ours
            if (r.startsWith("-A ") && r.contains("-j " + prefix) && !r.startsWith("-A " + prefix)) {
                List<String> del = new ArrayList<>(List.of("iptables", "-w", "-t", table, "-D"));
                del.addAll(List.of(r.substring(3).split(" ")));
                run(del.toArray(String[]::new));
            }
        }
        for (String r : rules) {
            if (r.startsWith("-N " + prefix)) {
                run("iptables", "-w", "-t", table, "-F", r.substring(3));
            }
        }
        for (String r : rules) {
            if (r.startsWith("-N " + prefix)) {
                run("iptables", "-w", "-t", table, "-X", r.substring(3));
            }
        }
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
