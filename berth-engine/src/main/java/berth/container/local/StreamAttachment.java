package berth.container.local;

import berth.container.Attachment;
import berth.logs.LogSource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** An attachment made of an output source and an optional stdin; closing ends both. */
record StreamAttachment(LogSource output, Optional<OutputStream> stdin) implements Attachment {
    @Override
    public void close() {
        output.close();
        stdin.ifPresent(in -> {
            try {
                in.close();
            } catch (IOException ignored) {
                // the process's stdin is gone already
            }
        });
    }
}
