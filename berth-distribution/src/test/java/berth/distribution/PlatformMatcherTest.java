package berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformMatcherTest {
    private static int counter;

    static Descriptor entry(String mediaType, String platform) {
        String hex = String.format("%064x", ++counter);
        return new Descriptor(mediaType, Digest.parse("sha256:" + hex), 10, List.of(), Map.of(),
                Optional.ofNullable(platform).map(Platform::parse));
    }

    static Descriptor image(String platform) {
        return entry(MediaTypes.OCI_MANIFEST, platform);
    }

    static ManifestIndex index(Descriptor... entries) {
        return new ManifestIndex(MediaTypes.OCI_INDEX, List.of(entries), Map.of(), Digest.sha256(new byte[0]), new byte[0]);
    }

    @Test
    void select_picksExactPlatform() {
        Descriptor amd = image("linux/amd64");
        Descriptor arm = image("linux/arm64/v8");
        var match = new PlatformMatcher(Platform.parse("linux/arm64")).select(index(amd, arm));
        assertThat(match.descriptor()).isEqualTo(arm);
        assertThat(match.platformDeclared()).isTrue();
        assertThat(new PlatformMatcher(Platform.LINUX_AMD64).select(index(arm, amd)).descriptor()).isEqualTo(amd);
    }

    @Test
    void select_prefersBestVariantThenIndexOrder() {
        Descriptor v6 = image("linux/arm/v6");
        Descriptor v7 = image("linux/arm/v7");
        Descriptor v7again = image("linux/arm/7");
        assertThat(new PlatformMatcher(Platform.parse("linux/arm/v7")).select(index(v6, v7, v7again)).descriptor()).isEqualTo(v7);
        assertThat(new PlatformMatcher(Platform.parse("linux/arm/v7")).select(index(v6)).descriptor()).isEqualTo(v6);
        assertThat(new PlatformMatcher(Platform.parse("linux/arm64")).select(index(v6, v7)).descriptor()).isEqualTo(v7);
    }

    @Test
    void select_doesNotRunNewerVariantsOrOtherOs() {
        var matcher = new PlatformMatcher(Platform.parse("linux/arm/v6"));
        assertThat(matcher.matches(Platform.parse("linux/arm/v7"))).isFalse();
        assertThat(matcher.matches(Platform.parse("linux/arm/v5"))).isTrue();
        assertThat(new PlatformMatcher(Platform.LINUX_AMD64).matches(Platform.parse("linux/amd64/v2"))).isFalse();
        assertThat(new PlatformMatcher(Platform.parse("linux/amd64/v3")).matches(Platform.parse("linux/amd64/v2"))).isTrue();
        assertThat(new PlatformMatcher(Platform.parse("linux/amd64/v3")).matches(Platform.LINUX_AMD64)).isTrue();
        assertThat(new PlatformMatcher(Platform.LINUX_AMD64).matches(Platform.parse("windows/amd64"))).isFalse();
        assertThat(new PlatformMatcher(Platform.parse("linux/386")).matches(Platform.LINUX_AMD64)).isFalse();
    }

    @Test
    void select_takes386OnAmd64OnlyWithoutAmd64Image() {
        Descriptor i386 = image("linux/386");
        Descriptor amd = image("linux/amd64");
        var matcher = new PlatformMatcher(Platform.LINUX_AMD64);
        assertThat(matcher.select(index(i386, amd)).descriptor()).isEqualTo(amd);
        assertThat(matcher.select(index(i386)).descriptor()).isEqualTo(i386);
        assertThat(new PlatformMatcher(Platform.parse("linux/amd64/v2")).acceptable()).extracting(Platform::toString)
                .containsExactly("linux/amd64/v2", "linux/amd64", "linux/386");
    }

    @Test
    void select_skipsAttestationsAndNonManifests() {
        Descriptor attestation = entry(MediaTypes.OCI_MANIFEST, "unknown/unknown");
        Descriptor nested = entry(MediaTypes.OCI_INDEX, "linux/amd64");
        Descriptor amd = image("linux/amd64");
        assertThat(new PlatformMatcher(Platform.LINUX_AMD64).select(index(attestation, nested, amd)).descriptor()).isEqualTo(amd);
    }

    @Test
    void select_fallsBackToEntryWithoutPlatformAndSaysSo() {
        Descriptor arm = image("linux/arm64");
        Descriptor bare = image(null);
        var match = new PlatformMatcher(Platform.LINUX_AMD64).select(index(arm, bare));
        assertThat(match.descriptor()).isEqualTo(bare);
        assertThat(match.platformDeclared()).isFalse();
    }

    @Test
    void select_failsListingWhatTheIndexOffers() {
        ManifestIndex idx = index(image("linux/arm64"), image("linux/arm/v7"), image("linux/arm/v7"),
                entry(MediaTypes.OCI_INDEX, "linux/s390x"));
        assertThatThrownBy(() -> new PlatformMatcher(Platform.LINUX_AMD64).select(idx))
                .isInstanceOf(BerthException.class)
                .hasMessage("no matching manifest for linux/amd64 in the manifest list entries (available: linux/arm64, linux/arm/v7)")
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> new PlatformMatcher(Platform.LINUX_AMD64).select(index()))
                .hasMessageContaining("the index lists no image manifests");
    }

    @Test
    void acceptable_startsWithTheWantedPlatform() {
        List<String> arm64 = new ArrayList<>();
        new PlatformMatcher(Platform.parse("linux/arm64/v8")).acceptable().forEach(p -> arm64.add(p.toString()));
        assertThat(arm64).containsExactly("linux/arm64", "linux/arm/v8", "linux/arm/v7", "linux/arm/v6", "linux/arm/v5");
    }
}
