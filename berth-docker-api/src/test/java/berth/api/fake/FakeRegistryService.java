package berth.api.fake;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.Image;
import berth.image.ImageIngest;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import berth.image.RegistryService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry in memory for the API adapter's tests. Pulls emit dockerd's event sequence for one layer
 * and add the image to the fake image store; names containing "missing" are unknown, "broken" fails
 * after the first event; login accepts only user "me" with password "secret".
 */
public final class FakeRegistryService implements RegistryService {
    public final List<String> pulled = new CopyOnWriteArrayList<>();
    public final List<Optional<String>> platforms = new CopyOnWriteArrayList<>();
    public final List<RegistryCredentials> credentials = new CopyOnWriteArrayList<>();
    private final FakeImageService images;

    public FakeRegistryService(FakeImageService images) {
        this.images = images;
    }

    @Override
    public ImageIngest.Committed pull(String reference, Optional<String> platform, RegistryCredentials creds,
                                      Progress.Listener progress) {
        pulled.add(reference);
        platforms.add(platform);
        credentials.add(creds);
        if (reference.contains("missing")) {
            throw BerthException.notFound("manifest for " + reference + " not found: manifest unknown: manifest unknown");
        }
        if (reference.contains("private") && creds.isAnonymous()) {
            throw new BerthException(ErrorKind.UNAUTHENTICATED, "pull access denied for " + reference
                    + ", repository does not exist or may require 'docker login'");
        }
        String repo = reference.replaceAll("(@.*|:[^/]*)$", "");
        progress.on(new Progress.Status("Pulling from " + repo));
        if (reference.contains("broken")) {
            progress.on(new Progress.Item("0123456789ab", "Pulling fs layer", 0, 0));
            throw BerthException.invalid("digest mismatch for layer sha256:0123456789ab");
        }
        progress.on(new Progress.Item("0123456789ab", "Pulling fs layer", 0, 0));
        progress.on(new Progress.Item("0123456789ab", "Downloading", 1000, 2000));
        progress.on(new Progress.Item("0123456789ab", "Download complete", 0, 0));
        progress.on(new Progress.Item("0123456789ab", "Pull complete", 0, 0));
        Digest digest = Digest.sha256(reference.getBytes(StandardCharsets.UTF_8));
        progress.on(new Progress.Status("Digest: " + digest));
        progress.on(new Progress.Status("Status: Downloaded newer image for " + reference));
        Image img = images.add(reference, List.of("sh"));
        return new ImageIngest.Committed(img, true);
    }

    /** The fake registry's repositories have the tags v1 and v2. */
    @Override
    public List<ImageIngest.Committed> pullAllTags(String repository, Optional<String> platform, RegistryCredentials creds,
                                                   Progress.Listener progress) {
        return List.of(pull(repository + ":v1", platform, creds, progress), pull(repository + ":v2", platform, creds, progress));
    }

    @Override
    public List<PushedManifest> push(String reference, RegistryCredentials creds, Progress.Listener progress) {
        credentials.add(creds);
        images.inspect(reference);
        progress.on(new Progress.Status("The push refers to repository [" + reference.replaceAll(":[^/]*$", "") + "]"));
        progress.on(new Progress.Item("0123456789ab", "Preparing", 0, 0));
        progress.on(new Progress.Item("0123456789ab", "Pushed", 0, 0));
        String tag = reference.substring(reference.lastIndexOf(':') + 1);
        Digest digest = Digest.sha256(reference.getBytes(StandardCharsets.UTF_8));
        progress.on(new Progress.Status(tag + ": digest: " + digest + " size: 527"));
        return List.of(new PushedManifest(tag, digest, 527));
    }

    @Override
    public LoginResult login(RegistryCredentials creds) {
        credentials.add(creds);
        if (!creds.username().equals("me") || !creds.password().equals("secret")) {
            throw new BerthException(ErrorKind.UNAUTHENTICATED, "login attempt to http://" + creds.serverAddress()
                    + "/v2/ failed with status: 401 Unauthorized");
        }
        return new LoginResult("Login Succeeded", Optional.empty());
    }

    @Override
    public RemoteImage inspect(String reference, RegistryCredentials creds) {
        credentials.add(creds);
        if (reference.contains("missing")) {
            throw BerthException.notFound("manifest unknown");
        }
        return new RemoteImage("application/vnd.oci.image.index.v1+json",
                Digest.sha256(reference.getBytes(StandardCharsets.UTF_8)), 1234,
                List.of("linux/amd64", "linux/arm64/v8"));
    }
}
