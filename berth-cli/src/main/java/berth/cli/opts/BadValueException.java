package berth.cli.opts;

/**
 * A flag value the CLI cannot use. The message is the reason alone, worded as the docker CLI words
 * it ("invalid suffix: 'x'"); the command adds which flag and value it was about.
 */
public final class BadValueException extends RuntimeException {
    public BadValueException(String reason) {
        super(reason);
    }
}
