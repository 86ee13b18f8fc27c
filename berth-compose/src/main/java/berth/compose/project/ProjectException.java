package berth.compose.project;

/** A project operation that cannot go on; the message is for the user as it stands (the CLI prints it and exits 1). */
public class ProjectException extends RuntimeException {
    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
