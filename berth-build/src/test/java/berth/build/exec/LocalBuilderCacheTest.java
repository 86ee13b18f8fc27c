package berth.build.exec;

import static org.assertj.core.api.Assertions.assertThat;

import berth.build.BuildCachePruneOptions;
import berth.build.BuildOutput;
import berth.build.BuildRequest;
import berth.build.BuildResult;
import berth.container.ContainerService;
import berth.content.Digest;
import berth.image.ImageConfig;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor's cache rules on config-only Dockerfiles (no containers needed): what hits, what must
 * not, and the progress text around it.
 */
class LocalBuilderCacheTest {
    @TempDir
    Path dataRoot;

    private FakeImages images;
    private LocalBuilder builder;

    /** No container is made for config-only steps: any call is a test failure. */
    private static final ContainerService NO_CONTAINERS = (ContainerService) Proxy.newProxyInstance(
            ContainerService.class.getClassLoader(), new Class<?>[] {ContainerService.class}, (p, m, a) -> {
                if (m.getName().equals("imageUsage")) {
                    return berth.image.ImageService.ImageUsage.NONE;
                }
                throw new AssertionError("a config-only build called containers." + m.getName());
            });

    @BeforeEach
    void setUp() {
        images = new FakeImages();
        images.base("base", new ImageConfig(Optional.empty(), List.of("PATH=/bin"), Optional.empty(),
                Optional.of(List.of("sh")), Optional.empty(), Map.of(), List.of(), List.of(), Optional.empty()));
        builder = new LocalBuilder(images, NO_CONTAINERS, null, dataRoot);
    }

    private record Built(BuildResult result, String text) {}

    private Built build(String dockerfile, BuildRequest request) {
        StringBuilder text = new StringBuilder();
        BuildOutput out = new BuildOutput() {
            @Override
            public void stream(String s) {
                text.append(s);
            }

            @Override
            public void imageId(Digest id) {
            }
        };
        BuildResult r = builder.build(request, new ByteArrayInputStream(dockerfile.getBytes(StandardCharsets.UTF_8)), out);
        return new Built(r, text.toString());
    }

    private Built build(String dockerfile, Map<String, String> args) {
        return build(dockerfile, new BuildRequest(List.of("out:v1"), "", args, Map.of(), Optional.empty(), "default",
                false, false, false, List.of(), true, false, Optional.empty(), List.of(), Map.of()));
    }

    private static int usingCache(String text) {
        return text.split(" ---> Using cache\n", -1).length - 1;
    }

    @Test
    void aRebuild_hitsEveryStep_andGivesTheSameImage() {
        String df = "FROM base\nENV A=1\nLABEL l=x\nCMD [\"run\"]\n";
        Built first = build(df, Map.of());
        Built second = build(df, Map.of());
        assertThat(usingCache(first.text())).isZero();
        assertThat(usingCache(second.text())).isEqualTo(3);
        assertThat(second.result().imageId()).isEqualTo(first.result().imageId());
        assertThat(second.text()).startsWith("Step 1/4 : FROM base\n ---> ").contains("Step 4/4 : CMD [\"run\"]\n")
                .endsWith("Successfully built " + first.result().imageId().hex().substring(0, 12)
                        + "\nSuccessfully tagged out:v1\n");
    }

    @Test
    void aChangedBuildArg_invalidatesFromItsFirstUseOn() {
        String df = "FROM base\nARG V\nENV A=1\nLABEL v=$V\nENV B=2\n";
        build(df, Map.of("V", "1"));
        Built changed = build(df, Map.of("V", "2"));
        String[] steps = changed.text().split("Step ");
        assertThat(steps[2]).startsWith("2/5 : ARG V").contains("Using cache");
        assertThat(steps[3]).startsWith("3/5 : ENV A=1").contains("Using cache");
        assertThat(steps[4]).startsWith("4/5 : LABEL v=$V").doesNotContain("Using cache");
        assertThat(steps[5]).startsWith("5/5 : ENV B=2").doesNotContain("Using cache");
        assertThat(images.inspect("out:v1").config().labels()).containsEntry("v", "2");
    }

    @Test
    void noCache_rebuildsEverything_butRecordsForNextTime() {
        String df = "FROM base\nENV A=1\n";
        build(df, Map.of());
        Built fresh = build(df, new BuildRequest(List.of(), "", Map.of(), Map.of(), Optional.empty(), "default", true,
                false, false, List.of(), true, false, Optional.empty(), List.of(), Map.of()));
        assertThat(usingCache(fresh.text())).isZero();
        assertThat(usingCache(build(df, Map.of()).text())).isEqualTo(1);
    }

    @Test
    void anEntryWhoseImageIsGone_isAMiss() {
        String df = "FROM base\nENV A=1\n";
        Digest first = build(df, Map.of()).result().imageId();
        images.remove(first.toString(), true, false, berth.image.ImageService.ImageUsage.NONE);
        Built again = build(df, Map.of());
        assertThat(usingCache(again.text())).isZero();
        assertThat(again.result().imageId()).isNotEqualTo(first);
    }

    @Test
    void theCacheSurvivesANewBuilderOnTheSameDataRoot() {
        String df = "FROM base\nENV A=1\n";
        build(df, Map.of());
        builder = new LocalBuilder(images, NO_CONTAINERS, null, dataRoot);
        assertThat(usingCache(build(df, Map.of()).text())).isEqualTo(1);
    }

    @Test
    void sameParentAndText_butAnotherResultingConfig_neverHits() {
        // ENTRYPOINT keeps a CMD set in its stage and resets an inherited one: same parent, same history text
        build("FROM base\nCMD [\"x\"]\n", Map.of());
        build("FROM out:v1\nENTRYPOINT [\"e\"]\n", Map.of());
        assertThat(images.inspect("out:v1").config().cmd()).isEmpty();
        Built kept = build("FROM base\nCMD [\"x\"]\nENTRYPOINT [\"e\"]\n", Map.of());
        assertThat(kept.text()).contains("Step 2/3 : CMD [\"x\"]\n ---> Using cache");
        assertThat(kept.text().substring(kept.text().indexOf("Step 3/3"))).doesNotContain("Using cache");
        assertThat(images.inspect("out:v1").config().cmd()).contains(List.of("x"));
    }

    @Test
    void envWinsOverArg_unusedArgsAreWarned_andRequestLabelsComeLast() {
        Built b = build("FROM base\nARG V=arg\nENV V=env\nLABEL v=$V\n", new BuildRequest(List.of("out:v1"), "",
                Map.of("V", "given", "NOPE", "1"), Map.of("z", "1", "a", "2"), Optional.empty(), "default", false,
                false, false, List.of(), true, false, Optional.empty(), List.of(), Map.of()));
        assertThat(images.inspect("out:v1").config().labels()).containsEntry("v", "env").containsEntry("a", "2")
                .containsEntry("z", "1");
        assertThat(b.text()).contains("Step 5/6 : LABEL a=2\n", "Step 6/6 : LABEL z=1\n",
                "[Warning] One or more build-args [NOPE] were not consumed\n");
    }

    @Test
    void prune_dropsEntriesOfUntaggedImages_andDeletesThem() {
        build("FROM base\nENV A=1\nENV B=2\n", new BuildRequest(List.of(), "", Map.of(), Map.of(), Optional.empty(),
                "default", false, false, false, List.of(), true, false, Optional.empty(), List.of(), Map.of()));
        assertThat(builder.cacheUsage()).hasSize(2).allMatch(r -> !r.shared() && !r.inUse());
        var report = builder.prune(new BuildCachePruneOptions(false, 0, Optional.empty()));
        assertThat(report.cachesDeleted()).hasSize(2);
        assertThat(builder.cacheUsage()).isEmpty();
        assertThat(images.byId).hasSize(1); // the base alone
    }

    @Test
    void prune_leavesEntriesOfTaggedImages_unlessAll() {
        build("FROM base\nENV A=1\n", Map.of());
        assertThat(builder.cacheUsage()).singleElement().matches(r -> r.shared());
        assertThat(builder.prune(new BuildCachePruneOptions(false, 0, Optional.empty())).cachesDeleted()).isEmpty();
        assertThat(builder.prune(BuildCachePruneOptions.ALL).cachesDeleted()).hasSize(1);
        assertThat(images.inspect("out:v1")).isNotNull(); // the image stays: it is tagged
    }
}
