package berth.container;

/**
 * {@code POST /containers/{id}/attach}: which streams to connect, whether to replay the past log
 * first ({@code logs}) and whether to stream new output ({@code stream}).
 */
public record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean logs, boolean stream) {}
