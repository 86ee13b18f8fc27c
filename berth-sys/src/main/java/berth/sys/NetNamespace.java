package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs short tasks inside another network namespace, for the few things the daemon must create there
 * itself: a socket belongs to the namespace of the thread that created it, for its whole life, so a
 * listener bound inside a container's namespace keeps serving there while every other thread of the
 * daemon stays in the host's.
 *
 * <p>A dedicated platform thread does the work: {@code setns(CLONE_NEWNET)} into the namespace, the
 * task, then {@code setns} back to the namespace it was born in (held open as an fd from before its
 * first switch). setns of a network namespace is allowed in a multi-threaded process and moves only
 * the calling thread. A thread that fails to switch back is retired, never reused; the next call
 * starts a fresh one. Calls are served one at a time.
 *
 * <p>Threads inherit the namespace of the thread that creates them, so a task must not start or wake
 * other threads (no virtual threads, no executors, no completing futures others wait on): a carrier
 * thread created from inside would put the daemon's later sockets in the container's namespace.
 */
public final class NetNamespace {
    static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;

    private static final MethodHandle SETNS = Libc.downcall("setns",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    /** open is variadic (its mode argument); declared as such so the call follows the variadic ABI. */
    private static final MethodHandle OPEN = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Worker worker; // guarded by LOCK

    private NetNamespace() {}

    /** Work done inside the namespace; what it returns (a bound socket, say) is handed to the caller. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code task} inside the network namespace {@code netns} (a {@code /var/run/netns/...} file or
     * {@code /proc/<pid>/ns/net}) and returns its result. Throws the task's exception as is, or an
     * {@link ErrnoException} naming the namespace when it cannot be entered (the task did not run then).
     * Must not be called from inside a task.
     */
    public static <T> T call(Path netns, Task<T> task) throws IOException {
        if (Thread.currentThread() instanceof Worker) {
            throw new IllegalStateException("NetNamespace.call from inside a namespace task");
        }
        LOCK.lock();
        try {
            if (worker == null || worker.retired()) {
                worker = new Worker();
                worker.start();
            }
            Job<T> job = new Job<>(netns, task);
            worker.submit(job);
            return job.await();
        } finally {
            LOCK.unlock();
        }
    }

    /** One call: the task, and the caller's future, completed only once the worker is home again. */
    private static final class Job<T> {
        private final Path netns;
        private final Task<T> task;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private T value;
        private Throwable failure;

        Job(Path netns, Task<T> task) {
            this.netns = netns;
            this.task = task;
        }

        void runTask() {
            try {
                value = task.run();
            } catch (Throwable t) {
                failure = t;
            }
        }

        void complete() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }

        void fail(Throwable t) {
            result.completeExceptionally(t);
        }

        /** Waits without giving up on interrupt: the task's result (an open socket) must not be lost. */
        T await() throws IOException {
            try {
                return result.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    private static final class Worker extends Thread {
        private final SynchronousQueue<Job<?>> jobs = new SynchronousQueue<>();
        private volatile boolean retired;

        Worker() {
            super("berth-netns");
            setDaemon(true);
        }

        boolean retired() {
            return retired || !isAlive();
        }

        void submit(Job<?> job) {
            boolean interrupted = false;
            while (true) {
                try {
                    jobs.put(job);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            int home = -1;
            try {
                while (true) {
                    Job<?> job = jobs.take();
                    if (home < 0) {
                        try {
                            home = open(Path.of("/proc/thread-self/ns/net"));
                        } catch (IOException e) {
                            retired = true;
                            job.fail(e);
                            return;
                        }
                    }
                    if (!serve(job, home)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // nobody interrupts this thread; if someone does, it ends like a retired one
            } finally {
                retired = true;
                Fds.closeQuietly(home);
            }
        }

        /** Runs one job; false when this thread could not get home and must end. */
        private boolean serve(Job<?> job, int home) {
            try {
                enter(job.netns);
            } catch (IOException e) {
                job.fail(e); // a failed setns leaves the thread where it was
                return true;
            }
            job.runTask();
            try {
                setns(home, "the daemon's own network namespace");
            } catch (IOException e) {
                retired = true;
            }
            // completed only now (home, or retired and about to end): see the class comment
            job.complete();
            return !retired;
        }
    }

    private static void enter(Path netns) throws IOException {
        int fd = open(netns);
        try {
            setns(fd, netns.toString());
        } finally {
            Fds.closeQuietly(fd);
        }
    }

    private static int open(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString()), O_RDONLY | O_CLOEXEC, 0);
            return Libc.check(fd, state, "open", path.toString());
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private static void setns(int fd, String what) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            Libc.check((int) SETNS.invokeExact(state, fd, CLONE_NEWNET), state, "setns", what);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
