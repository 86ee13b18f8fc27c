package berth.content;

/** What the store knows about one blob: its digest and its size in bytes. */
public record ContentInfo(Digest digest, long size) {
    public ContentInfo {
        if (size < 0) {
            throw new IllegalArgumentException("negative blob size " + size);
        }
    }
}
