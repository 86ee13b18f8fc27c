package berth.cli.command.compose;

import berth.cli.BerthCommand;
import berth.cli.Streams;
import berth.cli.archive.ContextArchive;
import berth.client.HttpResponse;
import berth.client.Json;
import berth.client.Query;
import berth.client.RequestBody;
import berth.client.auth.RemoteReference;
import berth.compose.model.BuildConfig;
import berth.compose.model.Service;
import berth.compose.project.ImageBuilder;
import berth.compose.project.ProjectEngine;
import berth.compose.project.ProjectException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds a {@code build:} service through {@code POST /build} the way {@code berth build} sends a
 * context: the directory as a tar (its .dockerignore applied), the Dockerfile inside it, or added to it
 * when it lives elsewhere or is inline.
 */
final class CliImageBuilder implements ImageBuilder {
    private final BerthCommand root;

    CliImageBuilder(BerthCommand root, CommandSpec spec) {
        this.root = root;
    }

    @Override
    public void build(Service service, String tag) {
        BuildConfig b = service.build();
        if (b.context().contains("://") || b.context().startsWith("git@")) {
            throw new ProjectException("service \"" + service.name() + "\": building from a URL or git repository ("
                    + b.context() + ") is not supported by berth");
        }
        Path dir = Path.of(b.context());
        if (!Files.isDirectory(dir)) {
            throw new ProjectException("service \"" + service.name() + "\": build context " + dir + " is not a directory");
        }
        Optional<ContextArchive.ExtraDockerfile> extra = Optional.empty();
        String dockerfile = b.dockerfile() == null ? "Dockerfile" : b.dockerfile();
        if (b.dockerfileInline() != null) {
            extra = Optional.of(new ContextArchive.ExtraDockerfile(".dockerfile.inline",
                    b.dockerfileInline().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            dockerfile = ".dockerfile.inline";
        } else {
            Path df = dir.resolve(dockerfile).normalize();
            if (!df.startsWith(dir.normalize())) {
                try {
                    extra = Optional.of(new ContextArchive.ExtraDockerfile(".dockerfile.compose", Files.readAllBytes(df)));
                } catch (IOException e) {
                    throw new ProjectException("service \"" + service.name() + "\": cannot read Dockerfile " + df + ": " + e.getMessage());
                }
                dockerfile = ".dockerfile.compose";
            }
        }
        Query q = Query.of().add("t", tag).add("dockerfile", dockerfile).addIfPresent("target", b.target())
                .flag("nocache", b.noCache()).flag("pull", b.pull()).addIfPresent("networkmode", b.network());
        if (!b.args().isEmpty()) {
            ObjectNode args = Json.object();
            b.args().forEach((k, v) -> {
                if (v != null) {
                    args.put(k, v);
                } else if (root.env().containsKey(k)) {
                    args.put(k, root.env().get(k));
                }
            });
            q.add("buildargs", Json.text(args));
        }
        if (!b.labels().isEmpty()) {
            q.add("labels", Json.text(ProjectEngine.labels(b.labels())));
        }
        for (String t : b.tags()) {
            q.add("t", t);
        }
        q.add("version", "1");
        Optional<ContextArchive.ExtraDockerfile> extraFinal = extra;
        RequestBody body = new RequestBody.Streamed("application/x-tar", out -> ContextArchive.write(dir, extraFinal, out));
        try (HttpResponse r = root.client().build(q, root.clientConfig().registryConfigHeader(), body);
                InputStream in = r.body()) {
            ProjectEngine.checkStream(in, "service \"" + service.name() + "\": build failed", text -> {
                synchronized (Streams.ERR) {
                    Streams.ERR.print(text);
                    Streams.ERR.flush();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String registryAuth(String image) {
        return root.registryAuth(RemoteReference.parse(image));
    }
}
