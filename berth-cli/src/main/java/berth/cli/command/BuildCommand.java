package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Streams;
import berth.cli.format.HumanUnits;
import berth.client.HttpResponse;
import berth.client.Json;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth build}: the classic builder's {@code docker build}. The context is archived while it is
 * uploaded (see {@link BuildContextSource} for what is sent), the daemon's stream is printed as the docker CLI
 * prints it, and a failed step's exit code becomes the command's.
 */
@Command(name = "build", description = "Build an image from a Dockerfile")
final class BuildCommand extends DaemonCommand {
    @Option(names = {"-t", "--tag"}, paramLabel = "list", description = "Name and optionally a tag in the 'name:tag' format")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "string", description = "Name of the Dockerfile (Default is 'PATH/Dockerfile')")
    String file;

    @Option(names = "--build-arg", paramLabel = "list", description = "Set build-time variables")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--label", paramLabel = "list", description = "Set metadata for an image")
    List<String> labels = new ArrayList<>();

    @Option(names = "--target", paramLabel = "string", description = "Set the target build stage to build.")
    String target;

    @Option(names = "--no-cache", description = "Do not use cache when building the image")
    boolean noCache;

    @Option(names = "--pull", description = "Always attempt to pull a newer version of the image")
    boolean pull;

    @Option(names = "--network", paramLabel = "string", description = "Set the networking mode for the RUN instructions during build (default \"default\")")
    String network;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the build output and print image ID on success")
    boolean quiet;

    @Option(names = "--iidfile", paramLabel = "string", description = "Write the image ID to the file")
    String iidFile;

    @Option(names = "--squash", description = "Squash newly built layers into a single new layer")
    boolean squash;

    @Option(names = "--cache-from", paramLabel = "strings", description = "Images to consider as cache sources")
    List<String> cacheFrom = new ArrayList<>();

    @Option(names = "--add-host", paramLabel = "list", description = "Add a custom host-to-IP mapping (host:ip)")
    List<String> addHosts = new ArrayList<>();

    @Option(names = "--rm", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            description = "Remove intermediate containers after a successful build (default true)")
    boolean rm = true;

    @Option(names = "--force-rm", description = "Always remove intermediate containers")
    boolean forceRm;

    @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
    String platform;

    @Option(names = "--compress", description = "Compress the build context using gzip")
    boolean compress;

    @Parameters(index = "0", paramLabel = "PATH | URL | -")
    String context;

    @Override
    public Integer call() throws IOException {
        if (iidFile != null) {
            // no stale ID is left behind if this build fails
            Files.deleteIfExists(Path.of(iidFile));
        }
        BuildContextSource.Upload upload = BuildContextSource.resolve(context, file, Path.of("").toAbsolutePath(), Streams.IN);
        Query q = query(upload.dockerfile(), root().env());

        // with -q, what would have been printed is shown only when the build fails
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        PrintStream progress = quiet ? new PrintStream(held, true, StandardCharsets.UTF_8) : out();
        long[] sent = {-1};
        RequestBody body = contextBody(upload, sent);
        HttpResponse response;
        try {
            response = client().build(q, root().clientConfig().registryConfigHeader(), body);
        } finally {
            if (sent[0] >= 0) {
                // the docker CLI prints it once the upload is done, whatever the daemon says next
                progress.print(sendingLine(sent[0]));
                progress.flush();
            }
        }
        ByteArrayOutputStream quietOut = new ByteArrayOutputStream();
        BuildProgress shown = new BuildProgress(quiet ? new PrintStream(quietOut, true, StandardCharsets.UTF_8) : out());
        try (response; InputStream in = response.body()) {
            shown.show(in);
        } catch (CliException failed) {
            if (quiet) {
                err().print(held.toString(StandardCharsets.UTF_8) + quietOut.toString(StandardCharsets.UTF_8));
                err().flush();
            }
            throw failed;
        }
        String imageId = shown.imageId();
        if (quiet) {
            // the daemon's only line is the ID
            imageId = quietOut.toString(StandardCharsets.UTF_8);
            out().print(imageId);
            out().flush();
        }
        if (iidFile != null) {
            if (imageId.isEmpty()) {
                throw new CliException(ExitCodes.ERROR, "Server did not provide an image ID. Cannot write " + iidFile);
            }
            Files.writeString(Path.of(iidFile), imageId);
        }
        return 0;
    }

    /** The context as the request body: gzipped with --compress; {@code sent[0]} counts the bytes that went. */
    private RequestBody contextBody(BuildContextSource.Upload upload, long[] sent) {
        return new RequestBody.Streamed("application/x-tar", raw -> {
            sent[0] = 0;
            OutputStream counted = new FilterOutputStream(raw) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    sent[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    sent[0] += len;
                }
            };
            if (compress) {
                try (GZIPOutputStream gz = new GZIPOutputStream(nonClosing(counted), 64 << 10)) {
                    upload.body().writeTo(gz);
                }
            } else {
                upload.body().writeTo(counted);
            }
            counted.flush();
        });
    }

    /** The query as the docker CLI sends it: only what differs from the defaults. */
    Query query(String dockerfile, Map<String, String> env) {
        Query q = Query.of();
        tags.forEach(t -> q.add("t", t));
        addHosts.forEach(h -> q.add("extrahosts", h));
        q.flag("q", quiet).flag("nocache", noCache);
        if (!rm) {
            q.add("rm", "0");
        }
        q.flag("forcerm", forceRm).flag("pull", pull).flag("squash", squash);
        q.addIfPresent("dockerfile", dockerfile).addIfPresent("target", target);
        if (!buildArgs.isEmpty()) {
            q.add("buildargs", Json.text(buildArgs(buildArgs, env)));
        }
        if (!labels.isEmpty()) {
            q.add("labels", Json.text(labels(labels)));
        }
        if (!cacheFrom.isEmpty()) {
            var list = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            cacheFrom.forEach(list::add);
            q.add("cachefrom", Json.text(list));
        }
        q.addIfPresent("platform", platform).addIfPresent("networkmode", network);
        return q.add("version", "1");
    }

    /**
     * {@code K=V} as given; a bare {@code K} takes K's value from the environment, or null when K is unset
     * there (the daemon then knows it was asked for, and warns when no ARG uses it), as the docker CLI does.
     */
    static ObjectNode buildArgs(List<String> args, Map<String, String> env) {
        ObjectNode o = Json.object();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq >= 0) {
                o.put(a.substring(0, eq), a.substring(eq + 1));
            } else if (env.containsKey(a)) {
                o.put(a, env.get(a));
            } else {
                o.putNull(a);
            }
        }
        return o;
    }

    /** {@code k=v}, or {@code k} for an empty value; an empty name is refused as docker refuses it. */
    static ObjectNode labels(List<String> labels) {
        ObjectNode o = Json.object();
        for (String l : labels) {
            int eq = l.indexOf('=');
            String key = eq < 0 ? l : l.substring(0, eq);
            if (key.strip().isEmpty()) {
                throw new CliException(ExitCodes.DAEMON_REFUSED, "invalid argument \"" + l + "\" for \"--label\" flag: invalid label '"
                        + l + "': empty name");
            }
            o.put(key, eq < 0 ? "" : l.substring(eq + 1));
        }
        return o;
    }

    /** The docker CLI's upload line, byte for byte ({@code %8v} of the size, then {@code \r\r\n}). */
    static String sendingLine(long bytes) {
        return "Sending build context to Docker daemon " + String.format("%8s", HumanUnits.goHumanSize(bytes)) + "\r\r\n";
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
