package berth.runtime.runc;

import berth.runtime.ExitStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Turns conmon's exit files ({@code <exit-dir>/<id>}, containing the exit code, written with a
 * rename after the log is flushed) into futures. A watch on the exit directory completes futures
 * as files appear; asking for a future also checks for a file that is already there, so an exit
 * that happened before anyone asked (or before a daemon restart) is not missed.
 */
final class ExitTracker implements AutoCloseable {
    private final Path exitDir;
    private final Predicate<String> oomKilled;
    private final Map<String, CompletableFuture<ExitStatus>> futures = new ConcurrentHashMap<>();
    private final DirectoryWatcher.Subscription subscription;

    /** @param oomKilled tells, by container id, whether conmon recorded an OOM kill */
    ExitTracker(Path exitDir, DirectoryWatcher watcher, Predicate<String> oomKilled) throws IOException {
        this.exitDir = exitDir;
        this.oomKilled = oomKilled;
        Files.createDirectories(exitDir);
        this.subscription = watcher.subscribe(exitDir, this::onEvent);
    }

    private void onEvent(String name) {
        if (name == null) {
            futures.keySet().forEach(this::tryComplete);
        } else if (futures.containsKey(name)) {
            tryComplete(name);
        }
    }

    CompletableFuture<ExitStatus> future(String id) {
        CompletableFuture<ExitStatus> f = futures.computeIfAbsent(id, unused -> new CompletableFuture<>());
        tryComplete(id);
        return f;
    }

    /** The recorded exit, if conmon has written it. */
    Optional<ExitStatus> read(String id) {
        Path file = exitDir.resolve(id);
        try {
            String text = Files.readString(file).trim();
            Instant finished = Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new ExitStatus(Integer.parseInt(text), finished, oomKilled.test(id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (NumberFormatException e) {
            // conmon writes whole files by rename, so this is a foreign or corrupt file
            return Optional.of(new ExitStatus(-1, Instant.now(), false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read exit file " + file, e);
        }
    }

    private void tryComplete(String id) {
        CompletableFuture<ExitStatus> f = futures.get(id);
        if (f == null || f.isDone()) {
            return;
        }
        read(id).ifPresent(f::complete);
    }

    /** Removes the exit file and forgets the future (after the runtime deleted the container). */
    void forget(String id) throws IOException {
        futures.remove(id);
        Files.deleteIfExists(exitDir.resolve(id));
    }

    /** Removes a stale exit file left by an earlier container of the same id, before a start. */
    void reset(String id) throws IOException {
        CompletableFuture<ExitStatus> f = futures.get(id);
        if (f != null && f.isDone()) {
            futures.remove(id, f);
        }
        Files.deleteIfExists(exitDir.resolve(id));
    }

    @Override
    public void close() {
        subscription.close();
    }
}
