package berth.build.copy;

import berth.archive.TarWriter;
import berth.container.ContainerService;
import berth.container.ExtractOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A COPY/ADD step whose sources are selected and digested. {@link #applyTo} plans the step against the
 * destination container ({@link CopyPlanner}), writes one tar holding every copied entry under its
 * final name with its final owner and mode, and has the engine unpack it at "/" (the engine's rules for
 * hostile tars apply, and symlinks on the way resolve inside the container's root); an ADD archive is
 * unpacked by the engine straight into its destination directory.
 */
final class PreparedCopy implements CopyStep {
    private final ContainerService containers;
    private final String command;
    private final List<CopyItem> items;
    private final String writtenDestination;
    private final Destination destination;
    private final Optional<String> chownFlag;
    private final Optional<Chown> chown;
    private final Optional<String> chmodFlag;
    private final OptionalInt chmod;
    /** {@code COPY --from} keeps the sources' owners unless {@code --chown} is given (Docker 20.10). */
    private final boolean keepOwners;
    private final String cacheDigest;

    PreparedCopy(ContainerService containers, CopyRequest request, List<CopyItem> items, boolean keepOwners) {
        this.containers = containers;
        this.command = request.add() ? "ADD" : "COPY";
        this.items = List.copyOf(items);
        this.writtenDestination = request.destination();
        this.destination = Destination.of(request.workdir(), request.destination());
        this.chownFlag = request.chown();
        this.chown = request.chown().map(Chown::parse);
        this.chmodFlag = request.chmod();
        this.chmod = request.chmod().map(f -> OptionalInt.of(Chmod.parse(f))).orElse(OptionalInt.empty());
        this.keepOwners = keepOwners;
        this.cacheDigest = digest();
    }

    private String digest() {
        ContentDigest d = new ContentDigest().string(command).number(keepOwners ? 1 : 0)
                .string(destination.path()).number(destination.directory() ? 1 : 0)
                .string(chownFlag.orElse("")).number(chmod.orElse(-1)).number(items.size());
        for (CopyItem i : items) {
            d.string(i.digest()).number(i.archive() ? 1 : 0);
        }
        return d.finish();
    }

    @Override
    public String cacheDigest() {
        return cacheDigest;
    }

    @Override
    public String createdBy() {
        return CreatedBy.of(command, chownFlag, chmodFlag, items.stream().map(CopyItem::historyHash).toList(),
                writtenDestination);
    }

    @Override
    public void applyTo(String containerId) {
        ContainerFiles files = new ContainerFiles(containers, containerId);
        Optional<Owner> identity = chown.map(c -> c.resolve(files::text))
                .or(() -> keepOwners ? Optional.empty() : Optional.of(Owner.ROOT));
        List<CopyPlanner.Op> ops = CopyPlanner.plan(items, destination, identity, chmod, files);
        List<CopyPlanner.Op> batch = new ArrayList<>();
        for (CopyPlanner.Op op : ops) {
            if (op instanceof CopyPlanner.Unpack u) {
                write(containerId, batch, identity);
                batch.clear();
                unpack(containerId, u);
            } else {
                batch.add(op);
            }
        }
        write(containerId, batch, identity);
    }

    /** One tar of the batch's directories and entries, unpacked at the container's root. */
    private void write(String containerId, List<CopyPlanner.Op> batch, Optional<Owner> identity) {
        if (batch.isEmpty()) {
            return;
        }
        long now = Instant.now().getEpochSecond();
        TarPipe.run(out -> {
            TarWriter tar = new TarWriter(out);
            for (CopyPlanner.Op op : batch) {
                switch (op) {
                    case CopyPlanner.MakeDir d -> tar.put(EntryHeaders.directory(d, now));
                    case CopyPlanner.Place p -> p.item().entries((e, content) -> {
                        var h = EntryHeaders.of(p.target(), e, p.item().directory(), identity, chmod);
                        if (h.isPresent()) {
                            tar.put(h.get());
                            if (h.get().type() == TarWriter.REGULAR) {
                                tar.writeContent(content);
                            }
                        }
                    });
                    case CopyPlanner.Unpack u -> throw new IllegalStateException("unpack in a write batch");
                }
            }
            tar.finish();
        }, in -> {
            containers.extractToDir(containerId, "/", in, ExtractOptions.DEFAULT);
            return null;
        });
    }

    private void unpack(String containerId, CopyPlanner.Unpack u) {
        try (InputStream in = u.item().openArchive()) {
            containers.extractToDir(containerId, u.directory(), in, ExtractOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + u.item().name() + ": " + e.getMessage(), e);
        }
    }

    /** Docker's history text of a COPY/ADD step. */
    static final class CreatedBy {
        private CreatedBy() {}

        /**
         * {@code /bin/sh -c #(nop) COPY file:<hex> in /dest } (note the trailing space); several sources
         * give {@code multi:<sha256 of the sources' hashes joined by ",">}. Docker writes
         * {@code --chown=x} with no space before the hash ({@code COPY --chown=1:1file:...}); so do we,
         * as tools compare these lines. {@code --chmod} (BuildKit's) is written before it, with a space.
         */
        static String of(String command, Optional<String> chown, Optional<String> chmod, List<String> hashes,
                          String destination) {
            String hash = hashes.size() == 1 ? hashes.getFirst() : "multi:" + HexFormat.of().formatHex(
                    ContentDigest.sha256().digest(String.join(",", hashes).getBytes(StandardCharsets.UTF_8)));
            String flags = chmod.map(m -> "--chmod=" + m + " ").orElse("") + chown.map(c -> "--chown=" + c).orElse("");
            return "/bin/sh -c #(nop) " + command + " " + flags + hash + " in " + destination + " ";
        }
    }
}
