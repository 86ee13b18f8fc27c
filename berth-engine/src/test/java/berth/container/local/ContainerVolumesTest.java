package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.HostConfig;
import berth.container.VolumeMount;
import berth.volume.VolumeSpec;
import berth.volume.local.LocalVolumeService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerVolumesTest {
    @TempDir
    Path root;

    private static HostConfig withBindsAndMounts(List<String> binds, List<HostConfig.Mount> mounts) {
        return new HostConfig(null, binds, mounts, Map.of(), List.of(), List.of(), false, List.of(), false, List.of(),
                List.of(), false, "", "", "", List.of(), List.of(), List.of(), List.of(), Map.of(), 0, null);
    }

    @Test
    void plan_takesNamedVolumesOutOfBindsAndMounts_andKeepsHostBinds() {
        HostConfig h = withBindsAndMounts(List.of("/host:/h", "data:/d:ro,nocopy"),
                List.of(new HostConfig.Mount("volume", "", "/anon", false, "", 0, 0),
                        new HostConfig.Mount("tmpfs", "", "/t", false, "", 0, 0)));
        ContainerVolumes.Plan p = ContainerVolumes.plan(h, List.of());
        assertThat(p.hostConfig().binds()).containsExactly("/host:/h");
        assertThat(p.hostConfig().mounts()).extracting(HostConfig.Mount::type).containsExactly("tmpfs");
        assertThat(p.requests()).containsExactly(
                new ContainerVolumes.Request(Optional.of("data"), "/d", true, "ro,nocopy", false, "data:/d:ro,nocopy"),
                new ContainerVolumes.Request(Optional.empty(), "/anon", false, "z", true, ""));
    }

    @Test
    void plan_rejectsBadModesTargetsAndDuplicates_withDockersMessages() {
        assertThatThrownBy(() -> ContainerVolumes.plan(withBindsAndMounts(List.of("data:/d:rw,ro"), List.of()), List.of()))
                .hasMessage("invalid mode: rw,ro");
        assertThatThrownBy(() -> ContainerVolumes.plan(withBindsAndMounts(List.of("data:rel"), List.of()), List.of()))
                .hasMessageContaining("invalid volume specification: 'data:rel'");
        assertThatThrownBy(() -> ContainerVolumes.plan(withBindsAndMounts(List.of("a1:/d", "/h:/d"), List.of()), List.of()))
                .hasMessage("Duplicate mount point: /d");
        HostConfig tmpfsToo = new HostConfig(null, List.of("data:/t/"), List.of(), Map.of("/t", ""), List.of(),
                List.of(), false, List.of(), false, List.of(), List.of(), false, "", "", "", List.of(), List.of(),
                List.of(), List.of(), Map.of(), 0, null);
        assertThatThrownBy(() -> ContainerVolumes.plan(tmpfsToo, List.of())).hasMessage("Duplicate mount point: /t");
        assertThatThrownBy(() -> ContainerVolumes.plan(withBindsAndMounts(List.of(),
                List.of(new HostConfig.Mount("volume", "", "/d", false, "rshared", 0, 0))), List.of()))
                .hasMessage("invalid mount config for type \"volume\": field BindOptions must not be specified");
    }

    @Test
    void create_makesNamedAndAnonymousVolumes_imageVolumesOnlyWhereNothingElseIsMounted() throws Exception {
        LocalVolumeService service = new LocalVolumeService(root, e -> {});
        ContainerVolumes cv = new ContainerVolumes(service);
        service.usage(cv::users);
        service.create(VolumeSpec.named("data"));
        HostConfig h = withBindsAndMounts(List.of("data:/d", "/host:/h"), List.of());
        ContainerVolumes.Plan plan = ContainerVolumes.plan(h, List.of("/cfg"));
        List<VolumeMount> mounts = cv.create("c1", plan, List.of("/cfg"), List.of("/d", "/h", "/img"), List.of(),
                ContainerVolumes.otherTargets(plan.hostConfig()), ref -> List.of());
        assertThat(mounts).extracting(VolumeMount::destination).containsExactly("/d", "/img", "/cfg");
        assertThat(mounts.get(0).name()).isEqualTo("data");
        assertThat(mounts.get(1).anonymous()).isTrue();
        assertThat(cv.users("data")).containsExactly("c1");

        cv.forget("c1", true);
        assertThat(service.list(berth.volume.VolumeFilter.ALL)).extracting(berth.volume.Volume::name)
                .containsExactly("data");
    }

    @Test
    void create_volumesFromTakesTheOtherContainersMountPointsWithTheGivenMode() throws Exception {
        LocalVolumeService service = new LocalVolumeService(root, e -> {});
        ContainerVolumes cv = new ContainerVolumes(service);
        VolumeMount shared = new VolumeMount("data", "/d", false, "", true, false, "data:/d", "/x");
        List<VolumeMount> mounts = cv.create("c2", ContainerVolumes.plan(HostConfig.DEFAULT, List.of()), List.of(),
                List.of(), List.of("src:ro"), Set.of(), ref -> List.of(shared));
        assertThat(mounts).singleElement().satisfies(m -> {
            assertThat(m.readOnly()).isTrue();
            assertThat(m.copyData()).isFalse();
            assertThat(m.bindSpec()).isEmpty();
        });
        assertThatThrownBy(() -> cv.create("c3", ContainerVolumes.plan(HostConfig.DEFAULT, List.of()), List.of(),
                List.of(), List.of("src:rx"), Set.of(), ref -> List.of(shared)))
                .hasMessage("invalid mode: rx");
    }

    @Test
    void withBindsFrom_addsTheOtherContainersBinds_keepingReadOnly_andOwnDestinationsWin() {
        HostConfig source = withBindsAndMounts(List.of("/h1:/a", "/h2:/b:ro", "/h3:/c"), List.of());
        HostConfig own = withBindsAndMounts(List.of("/mine:/c"), List.of());
        assertThat(ContainerVolumes.withBindsFrom(own, List.of("src"), ref -> source).binds())
                .containsExactly("/mine:/c", "/h1:/a", "/h2:/b:ro");
        assertThat(ContainerVolumes.withBindsFrom(own, List.of("src:ro"), ref -> source).binds())
                .containsExactly("/mine:/c", "/h1:/a:ro", "/h2:/b:ro");
        assertThat(ContainerVolumes.withBindsFrom(own, List.of(), ref -> source)).isSameAs(own);
    }

    @Test
    void create_volumesFromKeepsAReadOnlySourceReadOnly_andYieldsToOwnBinds() throws Exception {
        ContainerVolumes cv = new ContainerVolumes(new LocalVolumeService(root, e -> {}));
        VolumeMount ro = new VolumeMount("a1", "/ro", true, "ro", true, false, "a1:/ro:ro", "/x");
        VolumeMount taken = new VolumeMount("a2", "/taken", false, "", true, false, "a2:/taken", "/y");
        List<VolumeMount> mounts = cv.create("c4", ContainerVolumes.plan(HostConfig.DEFAULT, List.of()), List.of(),
                List.of(), List.of("src:rw"), Set.of("/taken"), ref -> List.of(ro, taken));
        assertThat(mounts).singleElement().satisfies(m -> assertThat(m.readOnly()).isTrue());
    }
}
