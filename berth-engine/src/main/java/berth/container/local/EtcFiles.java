package berth.container.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The /etc/hosts, /etc/hostname and /etc/resolv.conf a container gets, as Docker writes them. */
final class EtcFiles {
    private static final String DEFAULT_HOSTS = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    private EtcFiles() {}

    static void write(ContainerFiles files, String hostname, boolean hostNetwork) throws IOException {
        Files.writeString(files.hostname(), hostname + "\n");
        String hosts = hostNetwork ? readOr(Path.of("/etc/hosts"), DEFAULT_HOSTS) : DEFAULT_HOSTS;
        Files.writeString(files.hosts(), hosts);
        Files.writeString(files.resolvConf(), resolvConf(readOr(Path.of("/etc/resolv.conf"), ""), hostNetwork));
    }

    /**
     * The host's resolv.conf; without the host's network a loopback nameserver would point at the
     * container itself, so those lines go and Google's public servers stand in when nothing is left
     * (Docker's rule).
     */
    static String resolvConf(String host, boolean hostNetwork) {
        if (hostNetwork) {
            return host;
        }
        List<String> lines = host.lines()
                .filter(l -> !(l.startsWith("nameserver") && (l.contains("127.") || l.contains("::1"))))
                .toList();
        boolean hasServer = lines.stream().anyMatch(l -> l.startsWith("nameserver"));
        String kept = lines.stream().collect(Collectors.joining("\n", "", lines.isEmpty() ? "" : "\n"));
        return hasServer ? kept : kept + "nameserver 8.8.8.8\nnameserver 8.8.4.4\n";
    }

    private static String readOr(Path p, String fallback) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fallback;
        }
    }
}
