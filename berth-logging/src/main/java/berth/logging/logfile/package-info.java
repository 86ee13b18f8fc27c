/**
 * Rotated log files shared by the {@code json-file} and {@code local} drivers (Docker's
 * {@code loggerutils.LogFile}).
 *
 * <p>On disk: the live file at the container's log path, and, with {@code max-file} N ≥ 2, up to N-1
 * rotated files {@code <path>.1} (newest) … {@code <path>.(N-1)} (oldest), each {@code .gz} once
 * compressed. A rotation happens before a write once the live file holds {@code max-size} bytes or more
 * (so a file may exceed it by one record). Compression runs in the background; the next rotation waits
 * for it, as Docker's does. Compressed files carry Docker's gzip header extra
 * {@code {"lastTime":"…"}}.
 *
 * <p>Readers live in the same process as the writer, so instead of watching the file system they ask the
 * {@link berth.logging.logfile.RotatingLogFile} for its state: each file has a generation number (the live
 * one is the newest), and a follower that reaches the end of a rotated-away file opens the next generation
 * under the writer's lock. That way a follower neither loses nor repeats a record across rotations, unless
 * it falls so far behind that the file it needs has been deleted. A follower also ends once its read's end
 * signal has completed (the container exited, the driver may stay open) and it has returned what was written
 * before: the signal is looked at before the writer's state, and completing it wakes waiting followers.
 *
 * <p>A container whose driver is not open is read through {@link
 * berth.logging.logfile.RotatingLogFile#openReadOnly}: the same files, a writer already closed.
 *
 * <p>On open, a record torn by a crash at the end of the live file is cut off (dockerd leaves it, and a
 * torn local-driver frame then hides everything written after it).
 */
package berth.logging.logfile;
