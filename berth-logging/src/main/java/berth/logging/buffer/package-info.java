/**
 * Delivery modes shared by every driver ({@code --log-opt mode=blocking|non-blocking},
 * {@code max-buffer-size}): {@link berth.logging.buffer.LogModes} checks them as dockerd does and
 * wraps a driver in a {@link berth.logging.buffer.NonBlockingDriver} (moby's ring logger) when asked,
 * so a slow or unreachable destination never holds the container; what the buffer cannot keep is
 * counted, never lost silently.
 */
package berth.logging.buffer;
