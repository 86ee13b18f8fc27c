package berth.registry.storage;

/**
 * An upload session as a client sees it: its id (the last segment of its {@code Location}), the
 * repository it pushes into, and how many bytes it holds (the HTTP {@code Range: 0-<offset-1>}).
 */
public record UploadStatus(String id, RepositoryName repository, long offset) {}
