package berth.build.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private static final CacheKey K = new CacheKey("sha256:p", "/bin/sh -c make", "cfg", "");

    @Test
    void theId_isStable_andChangesWithEveryPart() {
        assertThat(K.id()).isEqualTo(new CacheKey("sha256:p", "/bin/sh -c make", "cfg", "").id()).hasSize(64);
        assertThat(new CacheKey("sha256:q", "/bin/sh -c make", "cfg", "").id()).isNotEqualTo(K.id());
        assertThat(new CacheKey("sha256:p", "|1 V=2 /bin/sh -c make", "cfg", "").id()).isNotEqualTo(K.id());
        assertThat(new CacheKey("sha256:p", "/bin/sh -c make", "cfg2", "").id()).isNotEqualTo(K.id());
        assertThat(new CacheKey("sha256:p", "/bin/sh -c make", "cfg", "sha256:c").id()).isNotEqualTo(K.id());
    }

    @Test
    void partsNeverRunTogether() {
        assertThat(new CacheKey("ab", "c", "", "").id()).isNotEqualTo(new CacheKey("a", "bc", "", "").id());
    }
}
