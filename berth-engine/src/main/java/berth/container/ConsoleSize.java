package berth.container;

/**
 * The size of a container's terminal, in rows and columns: {@code HostConfig.ConsoleSize} of a create
 * request ({@code [height, width]}, which the docker CLI fills in from its own terminal for
 * {@code -t}), so the process sees the right size from its first instruction, before any resize.
 */
public record ConsoleSize(int height, int width) {
    public ConsoleSize {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("console size must be positive, got " + height + "x" + width);
        }
    }
}
