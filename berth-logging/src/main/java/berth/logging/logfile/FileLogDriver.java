package berth.logging.logfile;

import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogDriver;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A driver that keeps the lines in a {@link RotatingLogFile} and reads them back ({@code json-file},
 * {@code local}): the subclass encodes, this writes, reads and closes.
 */
public abstract class FileLogDriver implements LogDriver {
    private final RotatingLogFile file;
    private final RecordFormat format;

    protected FileLogDriver(RotatingLogFile file, RecordFormat format) {
        this.file = file;
        this.format = format;
    }

    protected final RotatingLogFile file() {
        return file;
    }

    @Override
    public Optional<LogSource> read(LogOptions options, CompletableFuture<?> end) throws IOException {
        return Optional.of(LogFileReader.open(file, format, options, end));
    }

    @Override
    public void flush() throws IOException {
        file.flush();
    }

    /** Closes the file; followers end once they have read everything in it. */
    @Override
    public void close() {
        file.close();
    }
}
