/**
 * The log driver seam ({@code --log-driver}, {@code --log-opt}): where a container's output lines go
 * once captured. The engine hands each line to the container's {@link berth.logs.driver.LogDriver};
 * drivers that keep what they are given (json-file, local) can also read it back for {@code docker logs}.
 * Implementations live in berth-logging.
 */
package berth.logs.driver;
