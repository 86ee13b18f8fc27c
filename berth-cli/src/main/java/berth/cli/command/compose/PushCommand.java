package berth.cli.command.compose;

import berth.client.HttpResponse;
import berth.client.auth.RemoteReference;
import berth.compose.model.Service;
import berth.compose.project.ComposeProject;
import berth.compose.project.ProjectEngine;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose push}: pushes the images of the services that have both {@code build:} and {@code image:}. */
@Command(name = "push", description = "Push service images")
final class PushCommand extends ComposeSubcommand {
    @Option(names = "--ignore-push-failures", description = "Push what it can and ignores images with push failures")
    boolean ignoreFailures;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() throws Exception {
        ComposeProject p = project(services);
        for (Service s : p.services(services)) {
            if (s.image() == null || s.build() == null) {
                continue;
            }
            RemoteReference ref = RemoteReference.parse(s.image());
            String image = s.image();
            int colon = image.lastIndexOf(':');
            boolean tagged = colon > image.lastIndexOf('/');
            progress().event("Image", image, "Pushing");
            try (HttpResponse r = root().client().pushImage(tagged ? image.substring(0, colon) : image,
                    tagged ? image.substring(colon + 1) : "latest", root().registryAuth(ref)); InputStream in = r.body()) {
                ProjectEngine.checkStream(in, "push " + image);
                progress().event("Image", image, "Pushed");
            } catch (RuntimeException e) {
                if (!ignoreFailures) {
                    throw e;
                }
                progress().warning(e.getMessage());
            }
        }
        return 0;
    }
}
