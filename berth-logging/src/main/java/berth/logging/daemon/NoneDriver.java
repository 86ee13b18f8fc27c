package berth.logging.daemon;

import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;

/** {@code --log-driver none}: the lines go nowhere, and {@code docker logs} has nothing to read. */
final class NoneDriver implements LogDriver {
    @Override
    public void log(LogMessage message) {
        // discarded, as asked
    }

    @Override
    public void close() {
        // nothing held
    }
}
