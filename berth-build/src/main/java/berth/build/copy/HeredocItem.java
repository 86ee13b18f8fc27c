package berth.build.copy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/** An inline file ({@code COPY <<EOF /dest}): named by its delimiter, mode 0644, owned by root unless chowned. */
final class HeredocItem implements CopyItem {
    private final String name;
    private final byte[] content;
    private final long mtimeSeconds;

    HeredocItem(String name, String content, long mtimeSeconds) {
        this.name = name;
        this.content = content.getBytes(StandardCharsets.UTF_8);
        this.mtimeSeconds = mtimeSeconds;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean directory() {
        return false;
    }

    @Override
    public String historyHash() {
        return "file:" + HexFormat.of().formatHex(ContentDigest.sha256().digest(content));
    }

    @Override
    public String digest() {
        return new ContentDigest().string("heredoc").string(name).bytes(content).finish();
    }

    @Override
    public void entries(EntryVisitor visitor) throws IOException {
        visitor.entry(new ItemEntry("", ItemEntry.Kind.FILE, 0644, 0, 0, content.length, "", Map.of(), mtimeSeconds),
                new ByteArrayInputStream(content));
    }
}
