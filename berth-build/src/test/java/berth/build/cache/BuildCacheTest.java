package berth.build.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {
    @TempDir
    Path dir;

    private static final CacheKey KEY = new CacheKey("sha256:" + "a".repeat(64), "/bin/sh -c make", "user=\n", "");

    @Test
    void anEntry_survivesReopening() {
        BuildCache cache = BuildCache.open(dir);
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        cache.record(KEY, "sha256:" + "b".repeat(64), "RUN make", now);
        cache.touch(KEY.id(), now.plusSeconds(5));

        CacheEntry e = BuildCache.open(dir).lookup(KEY).orElseThrow();
        assertThat(e.imageId()).isEqualTo("sha256:" + "b".repeat(64));
        assertThat(e.parentImage()).isEqualTo(KEY.parent());
        assertThat(e.description()).isEqualTo("RUN make");
        assertThat(e.lastUsedAt()).contains(now.plusSeconds(5));
        assertThat(e.usageCount()).isEqualTo(1);
    }

    @Test
    void forget_removesTheFile() {
        BuildCache cache = BuildCache.open(dir);
        cache.record(KEY, "sha256:" + "b".repeat(64), "RUN make", Instant.now());
        cache.forget(KEY.id());
        assertThat(BuildCache.open(dir).lookup(KEY)).isEmpty();
        assertThat(dir.resolve(KEY.id() + ".json")).doesNotExist();
    }

    @Test
    void unreadableFilesAndLeftoverTempFiles_areDroppedOnOpen() throws Exception {
        Files.writeString(dir.resolve("c".repeat(64) + ".json"), "{not json");
        Files.writeString(dir.resolve("d".repeat(64) + ".tmp"), "half");
        BuildCache cache = BuildCache.open(dir);
        assertThat(cache.entries()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void pins_count() {
        BuildCache cache = BuildCache.open(dir);
        cache.pin("x");
        cache.pin("x");
        cache.unpin("x");
        assertThat(cache.isPinned("x")).isTrue();
        cache.unpin("x");
        assertThat(cache.isPinned("x")).isFalse();
    }
}
