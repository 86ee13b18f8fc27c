/**
 * The log drivers behind the engine's {@link berth.logs.driver.LogDriver} seam, one package each:
 * {@code jsonfile} and {@code local} keep the lines in rotated files ({@code logfile}) and read them back
 * for {@code docker logs}; {@code syslog}, {@code gelf}, {@code fluentd} and {@code journald} ship them
 * ({@code transport} is their shared stream socket); {@code tag} renders Docker's tag templates and the
 * labels/env attributes; {@code buffer} is the non-blocking mode's bounded queue.
 *
 * <p>Not wired into the engine yet: containers still log to conmon's k8s-file.
 */
package berth.logging;
