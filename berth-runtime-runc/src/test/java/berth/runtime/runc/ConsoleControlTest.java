package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleControlTest {
    @TempDir
    Path dir;

    @Test
    void resizeMessage_isConmonsResizeLine() {
        assertThat(ConsoleControl.resizeMessage(30, 100)).isEqualTo("1 30 100\n");
    }

    @Test
    void resize_writesTheLineIntoTheControlFifoWithoutBlocking() throws Exception {
        Path fifo = dir.resolve(ConsoleControl.FIFO);
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        // no reader at all: a write-only open would block here forever
        ConsoleControl.resize(dir, 24, 80);
        // a plain file stands in for the FIFO's content check
        Files.delete(fifo);
        Files.createFile(fifo);
        ConsoleControl.resize(dir, 50, 60);
        assertThat(Files.readString(fifo)).isEqualTo("1 50 60\n");
    }

    @Test
    void resize_withoutAControlFifoIsAConflict() {
        assertThatThrownBy(() -> ConsoleControl.resize(dir, 24, 80))
                .isInstanceOf(BerthException.class)
                .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
    }

    @Test
    void resize_rejectsNegativeSizes() {
        assertThatThrownBy(() -> ConsoleControl.resizeMessage(-1, 80))
                .isInstanceOf(BerthException.class)
                .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }
}
