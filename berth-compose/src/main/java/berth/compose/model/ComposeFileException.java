package berth.compose.model;

/**
 * An invalid compose project: a file that cannot be read or parsed, fails the schema, names
 * something undefined, or a missing required variable. The message is for a person and names the
 * file and key path ({@code services.web.ports[0]: ...}); the CLI prints it and exits 1.
 */
public final class ComposeFileException extends RuntimeException {
  public ComposeFileException(String message) {
    super(message);
  }

  public ComposeFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
