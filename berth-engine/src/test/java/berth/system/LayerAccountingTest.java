package berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import berth.image.ImageService.LayerSize;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerAccountingTest {
    private static final Digest BASE = digest("base");
    private static final Digest APP1 = digest("app1");
    private static final Digest APP2 = digest("app2");
    private static final Digest BUSYBOX = digest("img-busybox");
    private static final Digest ONE = digest("img-one");
    private static final Digest TWO = digest("img-two");
    private static final Digest STEP = digest("img-intermediate");

    private static Digest digest(String s) {
        return Digest.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** busybox, and two images built on it; one of them made through an intermediate image. */
    private static final Map<Digest, List<LayerSize>> IMAGES = Map.of(
            BUSYBOX, List.of(new LayerSize(BASE, 1_984_294)),
            STEP, List.of(new LayerSize(BASE, 1_984_294)),
            ONE, List.of(new LayerSize(BASE, 1_984_294), new LayerSize(APP1, 307_200)),
            TWO, List.of(new LayerSize(BASE, 1_984_294), new LayerSize(APP2, 3)));

    @Test
    void layersSize_countsEachLayerOnceHoweverManyImagesHoldIt() {
        LayerAccounting a = new LayerAccounting(IMAGES, List.of(BUSYBOX, ONE, TWO));

        assertThat(a.layersSize()).isEqualTo(1_984_294 + 307_200 + 3);
    }

    @Test
    void sharedSize_isTheBytesOfLayersAnotherListedImageHolds() {
        LayerAccounting a = new LayerAccounting(IMAGES, List.of(BUSYBOX, ONE, TWO));

        assertThat(a.size(ONE)).isEqualTo(2_291_494);
        assertThat(a.sharedSize(ONE)).isEqualTo(1_984_294);
        assertThat(a.sharedSize(TWO)).isEqualTo(1_984_294);
        assertThat(a.sharedSize(BUSYBOX)).isEqualTo(1_984_294);
    }

    @Test
    void sharedSize_ignoresIntermediateImagesThatAreNotListed() {
        LayerAccounting a = new LayerAccounting(IMAGES, List.of(ONE));

        assertThat(a.sharedSize(ONE)).isZero();
        assertThat(a.layersSize()).isEqualTo(1_984_294 + 307_200 + 3);
    }

    @Test
    void aLayerWithTheSameDiffOnAnotherBaseIsAnotherLayer() {
        // chain IDs differ when what lies beneath differs, so nothing is shared
        Digest otherBase = digest("other-base");
        Digest sameDiffElsewhere = digest("app1-on-other-base");
        LayerAccounting a = new LayerAccounting(Map.of(
                ONE, List.of(new LayerSize(BASE, 10), new LayerSize(APP1, 5)),
                TWO, List.of(new LayerSize(otherBase, 20), new LayerSize(sameDiffElsewhere, 5))), List.of(ONE, TWO));

        assertThat(a.sharedSize(ONE)).isZero();
        assertThat(a.sharedSize(TWO)).isZero();
        assertThat(a.layersSize()).isEqualTo(40);
    }

    @Test
    void anUnknownImageHasNoBytes() {
        LayerAccounting a = new LayerAccounting(IMAGES, List.of(BUSYBOX));

        assertThat(a.size(digest("nope"))).isZero();
        assertThat(a.sharedSize(digest("nope"))).isZero();
    }
}
