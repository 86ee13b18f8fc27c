package berth.cli;

import berth.cli.format.ContainerRow;
import berth.cli.format.ImageRow;
import berth.cli.format.OutputFormat;
import berth.client.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The workload bin/berth-train-aot records into the JDK AOT cache: several CLI invocations in one
 * JVM (no daemon needed; they fail to connect, which still loads parsing, client and error paths),
 * plus table rendering on canned rows so the formatting classes are cached too.
 */
public final class Train {
    private Train() {}

    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "unix:///nonexistent/berth.sock";
        Map<String, String> env = Map.of("BERTH_HOST", host);
        String[][] runs = {
            {"--help"}, {"version"}, {"ps", "-a"}, {"images"}, {"info"}, {"inspect", "x"}, {"logs", "x"},
            {"run", "--rm", "-e", "A=1", "busybox", "echo", "hi"}, {"rm", "-f", "x"}, {"image", "ls", "-q"},
            {"run", "--rm", "-m", "64m", "--cpus", "0.5", "--ulimit", "nofile=100:200", "--mount", "type=tmpfs,target=/t",
                "--restart", "no", "--health-interval", "1m30s", "--add-host", "h:10.0.0.1", "busybox", "true"},
            {"exec", "x", "true"}, {"stats", "--no-stream", "x"}, {"port", "x"}, {"diff", "x"},
        };
        for (String[] r : runs) {
            Main.run(r, env);
        }
        trainCompose(env);
        var c = Json.parse(("{\"Id\":\"4f2b8c1d9e0a11223344\",\"Names\":[\"/web\"],\"Image\":\"busybox\",\"Command\":\"sh\","
                + "\"Created\":1700000000,\"Status\":\"Up 1 second\",\"State\":\"running\",\"Ports\":[]}").getBytes());
        var i = Json.parse("{\"Id\":\"sha256:0123456789abcdef\",\"RepoTags\":[\"busybox:latest\"],\"Created\":1700000000,\"Size\":4261000}".getBytes());
        Instant now = Instant.now();
        Streams.OUT.print(OutputFormat.of(null, ContainerRow.DEFAULT_TABLE).render(List.of(new ContainerRow(c, true, now)), ContainerRow.HEADERS));
        Streams.OUT.print(OutputFormat.of("{{json .}}", "").render(ImageRow.rowsOf(i, true, now), ImageRow.HEADERS));
        Streams.flush();
    }

    /**
     * berth compose: loading a file (YAML, interpolation, validation, the model) and the up path. up runs
     * against no daemon at all, so training against a real one creates nothing.
     */
    private static void trainCompose(Map<String, String> env) {
        try {
            Path dir = Files.createTempDirectory("berth-train");
            Path file = dir.resolve("compose.yaml");
            Files.writeString(file, """
                    services:
                      web:
                        image: busybox
                        command: ["httpd", "-f", "-p", "80"]
                        ports: ["127.0.0.1:8080:80"]
                        environment: ["A=${A:-1}"]
                        healthcheck: {test: ["CMD", "true"], interval: 1s}
                        volumes: [data:/data, ./x:/x:ro]
                      worker:
                        image: busybox
                        depends_on: {web: {condition: service_healthy}}
                        deploy: {replicas: 2, resources: {limits: {memory: 64m}}}
                    volumes:
                      data: {}
                    """);
            String f = file.toString();
            String[][] runs = {
                {"compose", "-f", f, "config"}, {"compose", "-f", f, "ps"}, {"compose", "-f", f, "config", "--services"},
            };
            for (String[] r : runs) {
                Main.run(r, env);
            }
            Main.run(new String[] {"compose", "-f", f, "up", "-d"}, Map.of("BERTH_HOST", "unix:///nonexistent/berth.sock"));
            Files.delete(file);
            Files.delete(dir);
        } catch (IOException e) {
            // training is best effort: a cache without these classes is only slower
        }
    }
}
