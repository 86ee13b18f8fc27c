/**
 * The log drivers behind the engine's {@link berth.logs.driver.LogDriver} seam, one package each:
 * {@code jsonfile} and {@code local} keep the lines in rotated files ({@code logfile}) and read them back
 * for {@code docker logs}; {@code syslog}, {@code gelf}, {@code fluentd} and {@code journald} ship them
 * ({@code transport} is their shared stream socket); {@code tag} renders Docker's tag templates and the
 * labels/env attributes; {@code buffer} is the non-blocking mode's bounded queue.
 * {@link berth.logging.LogOptKeys} is the unknown-option check they share, each with dockerd's words.
 *
 * <p>{@code daemon} puts them together as the engine's {@link berth.logs.driver.LogDrivers}
 * ({@link berth.logging.daemon.ContainerLogDrivers}): defaults, checks, modes and the dual-logging cache.
 */
package berth.logging;
