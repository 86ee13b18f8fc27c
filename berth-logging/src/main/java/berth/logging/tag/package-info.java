/**
 * What every driver shares about the container it logs for: Docker's tag templates
 * ({@code --log-opt tag}, {@link berth.logging.tag.LogTag}; default {@code {{.ID}}}, the short
 * container ID) and the {@code labels}/{@code env} attributes ({@link berth.logging.tag.ExtraAttributes}).
 * As in Docker 20.10 only {@code tag} is read; the old per-driver {@code syslog-tag}/{@code gelf-tag}
 * options are gone there too.
 */
package berth.logging.tag;
