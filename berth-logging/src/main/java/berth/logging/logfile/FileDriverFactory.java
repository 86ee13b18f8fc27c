package berth.logging.logfile;

import berth.logging.LogOptKeys;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogDriverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The factory of a driver that keeps its lines in rotated files at {@link LogContext#logPath()}
 * ({@code json-file}, {@code local}): the options checked the same way (known keys, then the rotation policy,
 * then the subclass's own checks), the file opened, and {@link #readStored} for a container whose driver is
 * not open.
 */
public abstract class FileDriverFactory implements LogDriverFactory {
    private final String name;
    private final Set<String> options;
    private final String unknownOption;
    private final RecordFormat format;
    private final Function<Map<String, String>, RotationPolicy> policy;

    /**
     * @param unknownOption dockerd's words for an unknown key, {@code %s} standing for it
     * @param policy        the rotation the options ask for; INVALID_ARGUMENT with dockerd's words for a bad value
     */
    protected FileDriverFactory(String name, Set<String> options, String unknownOption, RecordFormat format,
                                Function<Map<String, String>, RotationPolicy> policy) {
        this.name = name;
        this.options = Set.copyOf(options);
        this.unknownOption = unknownOption;
        this.format = format;
        this.policy = policy;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> options() {
        return options;
    }

    @Override
    public final void validate(Map<String, String> config) {
        LogOptKeys.requireKnown(config, options, unknownOption);
        policy.apply(config);
        validateMore(config);
    }

    /** The driver's checks beyond the keys and the rotation options. */
    protected void validateMore(Map<String, String> config) {}

    /** The driver writing to {@code file}, for the container {@code context} describes. */
    protected abstract LogDriver driver(RotatingLogFile file, LogContext context);

    /** Opens (creating it and its directory) the log at {@link LogContext#logPath()} and a driver writing to it. */
    @Override
    public final LogDriver create(LogContext context) throws IOException {
        validate(context.config());
        Path path = context.logPath();
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        RotatingLogFile file = RotatingLogFile.open(path, policy.apply(context.config()), format);
        try {
            return driver(file, context);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Reads what a driver of this kind kept at {@link LogContext#logPath()} (with the rotation {@code context}'s
     * options gave it), no driver being open: a follower ends at the end of the files. Nothing when no log was
     * ever written there.
     */
    public final LogSource readStored(LogContext context, LogOptions options) throws IOException {
        RotatingLogFile file;
        try {
            file = RotatingLogFile.openReadOnly(context.logPath(), policy.apply(context.config()));
        } catch (NoSuchFileException e) {
            return new NoEntries();
        }
        return LogFileReader.open(file, format, options, CompletableFuture.completedFuture(null));
    }
}
