package berth.logging.jsonfile;

import berth.logging.logfile.LogFileReader;
import berth.logging.logfile.RotatingLogFile;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Docker's default driver: JSON lines in rotated files at the container's log path, read back for {@code docker logs}. */
final class JsonFileDriver implements LogDriver {
    private final RotatingLogFile file;
    private final JsonLogEncoder encoder;

    JsonFileDriver(RotatingLogFile file, Map<String, String> attributes) {
        this.file = file;
        this.encoder = new JsonLogEncoder(attributes);
    }

    @Override
    public void log(LogMessage message) throws IOException {
        file.write(encoder.encode(message), message.timestamp());
    }

    @Override
    public Optional<LogSource> read(LogOptions options) throws IOException {
        return Optional.of(LogFileReader.open(file, JsonLogFormat.INSTANCE, options));
    }

    @Override
    public void close() {
        file.close();
    }
}
