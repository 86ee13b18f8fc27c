package berth.runtime.runc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One inotify-backed {@link WatchService} for the whole adapter, shared by exit files, container
 * starts and log followers, so waiting never means polling. Listeners get the name of the file
 * that was created or modified in the watched directory, or {@code null} after an event overflow
 * (anything may have changed). Listeners run on the watcher's thread and must be quick.
 */
final class DirectoryWatcher implements AutoCloseable {
    private final WatchService service;
    private final Map<Path, Watched> byDir = new HashMap<>();
    private final Map<WatchKey, Watched> byKey = new HashMap<>();
    private final Thread thread;

    private record Watched(Path dir, WatchKey key, List<Consumer<String>> listeners) {}

    /** A registration; closing it stops the listener (the directory watch ends with its last listener). */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    DirectoryWatcher() {
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file watch service (inotify)", e);
        }
        thread = Thread.ofPlatform().daemon().name("berth-runc-watcher").start(this::dispatch);
    }

    Subscription subscribe(Path dir, Consumer<String> listener) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        Watched w;
        synchronized (this) {
            w = byDir.get(key);
            if (w == null || !w.key.isValid()) {
                WatchKey k = key.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                w = byKey.computeIfAbsent(k, unused -> new Watched(key, k, new CopyOnWriteArrayList<>()));
                byDir.put(key, w);
            }
            w.listeners.add(listener);
        }
        Watched registered = w;
        return () -> unsubscribe(registered, listener);
    }

    private synchronized void unsubscribe(Watched w, Consumer<String> listener) {
        w.listeners.remove(listener);
        if (w.listeners.isEmpty()) {
            w.key.cancel();
            byKey.remove(w.key);
            byDir.remove(w.dir, w);
        }
    }

    private void dispatch() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Watched w;
            synchronized (this) {
                w = byKey.get(key);
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (w == null) {
                    continue;
                }
                String name = event.kind() == StandardWatchEventKinds.OVERFLOW ? null : event.context().toString();
                for (Consumer<String> l : w.listeners) {
                    try {
                        l.accept(name);
                    } catch (RuntimeException e) {
                        // one faulty listener must not stop exit detection for every other container
                    }
                }
            }
            if (!key.reset()) {
                synchronized (this) {
                    if (w != null) {
                        byKey.remove(key);
                        byDir.remove(w.dir, w);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing an inotify instance does not fail in practice; nothing to recover
        }
        thread.interrupt();
    }
}
