package berth.build.dockerfile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code HEALTHCHECK NONE} or {@code HEALTHCHECK [--interval=] [--timeout=] [--start-period=]
 * [--start-interval=] [--retries=] CMD <command>}.
 *
 * @param test as in the image config: {@code ["NONE"]}, {@code ["CMD", args...]} (exec form) or
 *     {@code ["CMD-SHELL", command]} (shell form)
 * @param interval empty when not given (the image inherits or uses the default); likewise the others
 */
public record HealthcheckInstruction(SourceLocation location, List<String> test, Optional<Duration> interval,
        Optional<Duration> timeout, Optional<Duration> startPeriod, Optional<Duration> startInterval,
        OptionalInt retries) implements Instruction {
    public HealthcheckInstruction {
        Objects.requireNonNull(location, "location");
        test = List.copyOf(test);
        if (test.isEmpty()) {
            throw new IllegalArgumentException("a health test is NONE, CMD or CMD-SHELL");
        }
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(startPeriod, "startPeriod");
        Objects.requireNonNull(startInterval, "startInterval");
        Objects.requireNonNull(retries, "retries");
    }

    @Override
    public String keyword() {
        return "HEALTHCHECK";
    }

    /** True for {@code HEALTHCHECK NONE}, which disables a check inherited from the base image. */
    public boolean disabled() {
        return test.getFirst().equals("NONE");
    }
}
