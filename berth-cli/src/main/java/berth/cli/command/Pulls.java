package berth.cli.command;

import berth.cli.BerthCommand;
import berth.client.HttpResponse;
import berth.client.auth.RemoteReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A pull as {@code berth pull} and {@code berth run} do it: the stored login for the image's registry, then the stream shown. */
final class Pulls {
    private Pulls() {}

    /**
     * Pulls {@code ref} and shows the progress on {@code display}, or nowhere when it is null; a
     * reference without tag or digest pulls every tag. Daemon refusals are DaemonErrorException;
     * in-stream errors CliException.
     */
    static void pull(BerthCommand root, RemoteReference ref, String platform, ProgressDisplay display) throws IOException {
        String tagOrDigest = ref.digest() != null ? ref.digest() : ref.tag();
        HttpResponse r = root.client().pullImage(ref.name(), tagOrDigest, platform, root.registryAuth(ref));
        try (r; InputStream body = r.body()) {
            if (display == null) {
                // quiet: the stream still has to be read to its end (an error arrives as its last line)
                new ProgressDisplay(new java.io.PrintStream(OutputStream.nullOutputStream()), false, 0).show(body);
            } else {
                display.show(body);
            }
        }
    }
}
