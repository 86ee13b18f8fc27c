package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Streams;
import berth.cli.Terminals;
import berth.cli.archive.Extractor;
import berth.cli.archive.HostArchive;
import berth.cli.format.HumanUnits;
import berth.client.HttpRequest;
import berth.client.HttpResponse;
import berth.client.Json;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth cp}: between a container and the host, in either direction, with docker's path rules
 * (copy into an existing directory, or to a new name; "SRC/." copies a directory's contents; "-"
 * streams a tar on stdin or stdout). Container side through {@code GET}/{@code HEAD}/{@code PUT
 * /containers/{c}/archive}; the host side is read and written here.
 */
@Command(name = "cp", description = "Copy files/folders between a container and the local filesystem")
final class CpCommand extends DaemonCommand {
    /** Go's os.ModeDir and os.ModeSymlink bits in the path-stat header's mode. */
    private static final long MODE_DIR = 1L << 31;
    private static final long MODE_SYMLINK = 1L << 27;

    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)")
    boolean archive;

    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH")
    boolean followLink;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "SRC_PATH")
    String source;

    @Parameters(index = "1", paramLabel = "DEST_PATH")
    String destination;

    /** "CONTAINER:PATH" or a local path (absolute paths and "./x:y" are always local), as docker splits them. */
    record Arg(String container, String path) {
        static Arg parse(String arg) {
            if (arg.startsWith("/")) {
                return new Arg(null, arg);
            }
            int colon = arg.indexOf(':');
            if (colon < 0 || arg.startsWith(".")) {
                return new Arg(null, arg);
            }
            return new Arg(arg.substring(0, colon), arg.substring(colon + 1));
        }
    }

    /** The container path's stat, from the X-Docker-Container-Path-Stat header. */
    record PathStat(String name, long size, long mode, String linkTarget) {
        boolean isDir() {
            return (mode & MODE_DIR) != 0;
        }

        boolean isSymlink() {
            return (mode & MODE_SYMLINK) != 0;
        }

        static Optional<PathStat> of(HttpResponse r) {
            return r.header("X-Docker-Container-Path-Stat").map(h -> {
                JsonNode n = Json.parse(Base64.getDecoder().decode(h.strip()));
                return new PathStat(n.path("name").asText(""), n.path("size").asLong(0), n.path("mode").asLong(0),
                        n.path("linkTarget").asText(""));
            });
        }
    }

    @Override
    public Integer call() throws IOException {
        Arg src = Arg.parse(source);
        Arg dst = Arg.parse(destination);
        if (src.container() == null && dst.container() == null) {
            throw new CliException(ExitCodes.ERROR, "must specify at least one container source");
        }
        if (src.container() != null && dst.container() != null) {
            throw new CliException(ExitCodes.ERROR, "copying between containers is not supported");
        }
        if (src.container() != null && src.container().isEmpty() || dst.container() != null && dst.container().isEmpty()) {
            throw new CliException(ExitCodes.ERROR, "copying to or from a container needs its name, as NAME:PATH");
        }
        return src.container() != null ? fromContainer(src, dst.path()) : toContainer(src.path(), dst);
    }

    private int fromContainer(Arg src, String dstPath) throws IOException {
        String path = containerPath(src.path());
        String base = Refs.container(src.container()) + "/archive";
        if (followLink) {
            Optional<PathStat> st = stat(base, path);
            if (st.isPresent() && st.get().isSymlink()) {
                String t = st.get().linkTarget();
                path = t.startsWith("/") ? t : parentOf(path) + "/" + t;
            }
        }
        try (HttpResponse r = client().call("GET", base, Query.of().add("path", path), RequestBody.NONE)) {
            if (dstPath.equals("-")) {
                r.body().transferTo(Streams.OUT);
                Streams.OUT.flush();
                return 0;
            }
            PathStat st = PathStat.of(r).orElse(new PathStat(baseName(path), 0, 0, ""));
            String archiveRoot = st.name().isEmpty() ? baseName(path) : st.name();
            Path dest = Path.of(dstPath).toAbsolutePath();
            boolean contents = src.path().endsWith("/.");
            Extractor ex;
            if (Files.isDirectory(dest)) {
                ex = contents ? new Extractor(dest, archiveRoot, "", archive) : new Extractor(dest, null, null, archive);
            } else if (Files.exists(dest)) {
                if (st.isDir()) {
                    throw new CliException(ExitCodes.ERROR, "cannot copy directory to a file: " + dstPath);
                }
                ex = new Extractor(dest.getParent(), archiveRoot, dest.getFileName().toString(), archive);
            } else {
                if (dstPath.endsWith("/") && !st.isDir()) {
                    throw new CliException(ExitCodes.ERROR, "destination directory " + dstPath + " must exist");
                }
                if (!Files.isDirectory(dest.getParent())) {
                    throw new CliException(ExitCodes.ERROR, "no such directory: " + dest.getParent());
                }
                ex = new Extractor(dest.getParent(), archiveRoot, dest.getFileName().toString(), archive);
            }
            long bytes = ex.extract(r.body());
            progress(bytes, dstPath);
        }
        return 0;
    }

    private int toContainer(String srcPath, Arg dst) throws IOException {
        String base = Refs.container(dst.container()) + "/archive";
        String path = containerPath(dst.path());
        Optional<PathStat> dstStat = stat(base, path);
        Query q = Query.of();
        if (srcPath.equals("-")) {
            if (dstStat.isEmpty() || !dstStat.get().isDir()) {
                throw new CliException(ExitCodes.ERROR, "destination \"" + dst.container() + ":" + dst.path() + "\" must be a directory");
            }
            q.add("path", path).add("noOverwriteDirNonDir", "true").flag("copyUIDGID", archive);
            put(base, q, new RequestBody.Streamed("text/plain", Streams.IN::transferTo));
            return 0;
        }
        Path local = Path.of(srcPath).toAbsolutePath();
        if (!Files.exists(local, followLink ? new java.nio.file.LinkOption[0] : new java.nio.file.LinkOption[] {java.nio.file.LinkOption.NOFOLLOW_LINKS})) {
            throw new CliException(ExitCodes.ERROR, "lstat " + local + ": no such file or directory");
        }
        boolean srcIsDir = Files.isDirectory(local);
        boolean contents = srcPath.endsWith("/.") && srcIsDir;
        String targetDir;
        String rootName;
        if (dstStat.isPresent() && dstStat.get().isDir()) {
            targetDir = path;
            rootName = local.getFileName().toString();
        } else if (dstStat.isPresent()) {
            if (srcIsDir) {
                throw new CliException(ExitCodes.ERROR, "cannot copy directory to a file: " + dst.container() + ":" + dst.path());
            }
            targetDir = parentOf(path);
            rootName = baseName(path);
        } else {
            if (dst.path().endsWith("/") && !srcIsDir) {
                throw new CliException(ExitCodes.ERROR, "destination directory " + dst.container() + ":" + dst.path() + " must exist");
            }
            targetDir = parentOf(path);
            rootName = baseName(path);
        }
        if (contents) {
            // contents of SRC go into DST itself, which must then exist as a directory
            targetDir = dstStat.isPresent() ? path : targetDir;
        }
        long[] size = {0};
        final String root = rootName;
        final boolean follow = followLink;
        RequestBody body = new RequestBody.Streamed("application/x-tar", out -> {
            CountingOutput counting = new CountingOutput(out);
            if (contents) {
                HostArchive.writeContents(local, counting);
            } else {
                HostArchive.write(local, root, follow, counting);
            }
            size[0] = counting.count;
        });
        q.add("path", targetDir).add("noOverwriteDirNonDir", "true").flag("copyUIDGID", archive);
        put(base, q, body);
        progress(size[0], dst.container() + ":" + dst.path());
        return 0;
    }

    private void put(String base, Query q, RequestBody body) {
        client().call("PUT", base, q, body).close();
    }

    private Optional<PathStat> stat(String base, String path) {
        try (HttpResponse r = client().send(HttpRequest.of("HEAD", base + Query.of().add("path", path).toQueryString()))) {
            if (r.status() == 404) {
                return Optional.empty();
            }
            if (!r.isSuccess()) {
                throw berth.client.DaemonClient.errorFrom(r);
            }
            return PathStat.of(r);
        }
    }

    private void progress(long bytes, String to) {
        if (!quiet && Terminals.isTerminal(2)) {
            err().println("Successfully copied " + HumanUnits.size(bytes) + " to " + to);
        }
    }

    /** Container paths are relative to its root: "tmp/x" is "/tmp/x". */
    static String containerPath(String p) {
        return p.startsWith("/") ? p : "/" + p;
    }

    static String parentOf(String p) {
        String s = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
        int slash = s.lastIndexOf('/');
        return slash <= 0 ? "/" : s.substring(0, slash);
    }

    static String baseName(String p) {
        String s = p;
        while (s.endsWith("/") && s.length() > 1) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/.")) {
            s = s.substring(0, s.length() - 2);
        }
        int slash = s.lastIndexOf('/');
        return slash < 0 ? s : s.substring(slash + 1);
    }

    /** Counts what the tar writer produced, for the "Successfully copied" line. */
    private static final class CountingOutput extends java.io.FilterOutputStream {
        long count;

        CountingOutput(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
