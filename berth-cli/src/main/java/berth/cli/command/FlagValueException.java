package berth.cli.command;

import berth.cli.opts.BadValueException;

/** A flag's value was refused while building a request: which flag, which value, and why. */
final class FlagValueException extends RuntimeException {
    private final String flag;
    private final String value;

    FlagValueException(String flag, String value, String reason) {
        super(reason);
        this.flag = flag;
        this.value = value;
    }

    String flag() {
        return flag;
    }

    String value() {
        return value;
    }

    /** Parses one flag value, naming the flag ("-m, --memory") when the parser refuses it. */
    static <T> T parse(String flag, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (BadValueException e) {
            throw new FlagValueException(flag, value, e.getMessage());
        }
    }
}
