package berth.logging.jsonfile;

import berth.logging.logfile.FileLogDriver;
import berth.logging.logfile.RotatingLogFile;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.util.Map;

/** Docker's default driver: JSON lines in rotated files at the container's log path, read back for {@code docker logs}. */
final class JsonFileDriver extends FileLogDriver {
    private final JsonLogEncoder encoder;

    JsonFileDriver(RotatingLogFile file, Map<String, String> attributes) {
        super(file, JsonLogFormat.INSTANCE);
        this.encoder = new JsonLogEncoder(attributes);
    }

    @Override
    public void log(LogMessage message) throws IOException {
        file().write(encoder.encode(message), message.timestamp());
    }
}
