/**
 * {@code berth compose}: the command line of Docker Compose v2 (global -f/-p/--project-directory/
 * --env-file/--profile and the verbs) over {@code berth.compose.model} (loading) and {@code
 * berth.compose.project} (operations). Progress goes to stderr as compose prints it; logs are prefixed
 * {@code web-1  | } with a colour per service ({@link berth.cli.command.compose.LogPrinter}).
 */
package berth.cli.command.compose;
