package berth.compose.model;

/** A ulimit; {@code nofile: 1024} gives soft = hard = 1024. */
public record Ulimit(long soft, long hard) {}
