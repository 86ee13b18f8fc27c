/**
 * The {@code local} driver, byte-compatible with dockerd 20.10's: each record a protobuf
 * {@code logdriver.LogEntry} between two big-endian uint32 lengths, rotated (20 MiB × 5, compressed by
 * default) as {@link berth.logging.logfile} describes.
 */
package berth.logging.local;
