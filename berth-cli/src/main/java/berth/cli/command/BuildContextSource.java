package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.archive.ContextArchive;
import berth.client.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where {@code berth build} takes its context from, resolved as the docker CLI resolves it:
 * <ul>
 * <li>{@code -}: stdin; a tar (plain or compressed) is sent as it is, anything else is taken as a
 *     Dockerfile and sent as a context holding only it;</li>
 * <li>a directory: sent as a tar ({@link ContextArchive}); {@code -f} is relative to the working directory,
 *     default {@code Dockerfile} (or {@code dockerfile}) in the context; a Dockerfile from stdin
 *     ({@code -f -}) or outside the context joins it under a random name;</li>
 * <li>a URL or git repository: refused (berth does not fetch contexts).</li>
 * </ul>
 */
final class BuildContextSource {
    /** The body to upload and the Dockerfile's path inside it for the query ({@code ""}: the daemon's default). */
    record Upload(String dockerfile, RequestBody.Writer body) {}

    private static final int TAR_BLOCK = 512;

    private BuildContextSource() {}

    static Upload resolve(String context, String file, Path cwd, InputStream stdin) throws IOException {
        boolean dockerfileFromStdin = "-".equals(file);
        if (context.equals("-")) {
            if (dockerfileFromStdin) {
                throw new CliException(ExitCodes.ERROR, "invalid argument: can't use stdin for both build context and dockerfile");
            }
            return fromStdin(stdin, file);
        }
        Path dir = cwd.resolve(context);
        if (Files.exists(dir)) {
            return fromDirectory(dir, file, cwd, dockerfileFromStdin ? stdin : null);
        }
        if (isGitUrl(context) || context.startsWith("http://") || context.startsWith("https://")) {
            throw new CliException(ExitCodes.ERROR, "unable to prepare context: building from a URL or git repository ("
                    + context + ") is not supported by berth: download it and build from a directory, or send a tar on stdin");
        }
        throw new CliException(ExitCodes.ERROR, "unable to prepare context: path \"" + context + "\" not found");
    }

    private static boolean isGitUrl(String s) {
        return s.startsWith("git://") || s.startsWith("git@") || s.startsWith("github.com/")
                || (s.startsWith("http") && (s.endsWith(".git") || s.contains(".git#")));
    }

    private static Upload fromStdin(InputStream stdin, String file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(stdin, TAR_BLOCK);
        byte[] head = in.readNBytes(TAR_BLOCK);
        in.unread(head);
        if (isArchive(head)) {
            return new Upload(file == null ? "" : file, out -> in.transferTo(out));
        }
        byte[] dockerfile = in.readAllBytes();
        return new Upload("Dockerfile", out -> ContextArchive.writeDockerfileOnly(dockerfile, out));
    }

    /** A compressed stream (gzip, bzip2, xz, zstd) or a tar header with a good checksum, as the docker CLI tells them. */
    static boolean isArchive(byte[] head) {
        if (startsWith(head, 0x1f, 0x8b) || startsWith(head, 'B', 'Z', 'h') || startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)
                || startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            return true;
        }
        if (head.length < TAR_BLOCK) {
            return false;
        }
        String field = new String(head, 148, 8, StandardCharsets.US_ASCII).replace("\0", "").strip();
        if (field.isEmpty() || !field.matches("[0-7]+")) {
            return false;
        }
        long sum = 0;
        for (int i = 0; i < TAR_BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : head[i] & 0xff;
        }
        return sum == Long.parseLong(field, 8);
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static Upload fromDirectory(Path given, String file, Path cwd, InputStream dockerfileStdin) throws IOException {
        Path dir = given.toRealPath();
        if (!Files.isDirectory(dir)) {
            throw new CliException(ExitCodes.ERROR, "unable to prepare context: context must be a directory: " + dir);
        }
        if (dockerfileStdin != null) {
            ContextArchive.ExtraDockerfile extra = new ContextArchive.ExtraDockerfile(randomName(), dockerfileStdin.readAllBytes());
            return new Upload(extra.name(), out -> ContextArchive.write(dir, Optional.of(extra), out));
        }
        Path dockerfile = dockerfilePath(dir, file, cwd);
        if (!dockerfile.startsWith(dir)) {
            // outside the context: its content travels inside the context under a name of its own
            byte[] content = Files.readAllBytes(dockerfile);
            ContextArchive.ExtraDockerfile extra = new ContextArchive.ExtraDockerfile(randomName(), content);
            return new Upload(extra.name(), out -> ContextArchive.write(dir, Optional.of(extra), out));
        }
        String rel = dir.relativize(dockerfile).toString();
        return new Upload(rel, out -> ContextArchive.write(dir, Optional.empty(), out));
    }

    /** The Dockerfile's real path: {@code -f} against the working directory, or the context's own. */
    private static Path dockerfilePath(Path dir, String file, Path cwd) throws IOException {
        Path p;
        if (file == null || file.isEmpty()) {
            p = dir.resolve("Dockerfile");
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && Files.exists(dir.resolve("dockerfile"), LinkOption.NOFOLLOW_LINKS)) {
                p = dir.resolve("dockerfile");
            }
            try {
                return p.toRealPath();
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCodes.ERROR, "unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat "
                        + p + ": no such file or directory");
            }
        }
        p = cwd.resolve(file).toAbsolutePath().normalize();
        try {
            return p.toRealPath();
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.ERROR, "unable to prepare context: Cannot locate specified Dockerfile: " + p);
        }
    }

    /** {@code .dockerfile.} and 20 random hex digits, as the docker CLI names it. */
    private static String randomName() {
        byte[] b = new byte[10];
        new SecureRandom().nextBytes(b);
        return ".dockerfile." + HexFormat.of().formatHex(b);
    }
}
