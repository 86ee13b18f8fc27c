package berth.build.copy;

import berth.errors.BerthException;
import java.util.List;
import java.util.Locale;

/**
 * Sources that name something on the network. Docker's classic builder downloads {@code http(s)://}
 * sources of ADD and refuses them in COPY ("source can't be a URL for COPY"); berth builds offline, so
 * ADD refuses them too, and git URLs as well (which BuildKit would clone), naming the source.
 */
final class RemoteSources {
    private static final List<String> GIT_PREFIXES = List.of("git://", "git@", "github.com/", "ssh://");

    private RemoteSources() {}

    /** Docker's urlutil.IsURL: what ADD would download. */
    static boolean isUrl(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    static boolean isGit(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return GIT_PREFIXES.stream().anyMatch(s::startsWith);
    }

    /** Refuses a remote source of {@code command} (COPY or ADD) with a message a user can act on. */
    static void refuse(String command, String source) {
        if (command.equals("COPY") && isUrl(source)) {
            throw BerthException.invalid("COPY failed: source can't be a URL for COPY");
        }
        if (command.equals("ADD") && (isUrl(source) || isGit(source))) {
            throw BerthException.invalid(command + " failed: berth cannot fetch " + source
                    + ": ADD from a URL needs network access and berth builds offline; download it into the build"
                    + " context and ADD it from there");
        }
    }
}
