package berth.volume.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.events.Event;
import berth.volume.PruneReport;
import berth.volume.Volume;
import berth.volume.VolumeFilter;
import berth.volume.VolumeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVolumeServiceTest {
    @TempDir
    Path root;
    private final List<Event> events = new ArrayList<>();

    private LocalVolumeService service() throws Exception {
        return new LocalVolumeService(root, events::add);
    }

    private static VolumeSpec labelled(String name, Map<String, String> labels) {
        return new VolumeSpec(Optional.of(name), "local", labels, Map.of());
    }

    @Test
    void create_storesTheVolumeOnDisk_andAnotherServiceLoadsIt() throws Exception {
        Volume v = service().create(labelled("data", Map.of("team", "a")));
        assertThat(v.mountpoint()).isEqualTo(root.resolve("volumes/data/_data")).isDirectory();
        assertThat(root.resolve("volumes/data/volume.json")).isRegularFile();
        Volume loaded = service().inspect("data");
        assertThat(loaded.labels()).containsEntry("team", "a");
        assertThat(loaded.driver()).isEqualTo("local");
        assertThat(events).extracting(Event::type, Event::action, Event::actorId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("volume", "create", "data"));
    }

    @Test
    void create_isIdempotentForAnExistingName() throws Exception {
        LocalVolumeService s = service();
        Volume first = s.create(labelled("data", Map.of("a", "1")));
        assertThat(s.create(VolumeSpec.named("data"))).isEqualTo(first);
        assertThat(events).hasSize(1);
    }

    @Test
    void create_rejectsBadNamesWithDockersMessages_andCreatesNothing() throws Exception {
        LocalVolumeService s = service();
        assertThatThrownBy(() -> s.create(VolumeSpec.named("x")))
                .hasMessage("create x: volume name is too short, names should be at least two alphanumeric characters");
        assertThatThrownBy(() -> s.create(VolumeSpec.named("../etc")))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("\"../etc\" includes invalid characters for a local volume name");
        assertThatThrownBy(() -> s.create(new VolumeSpec(Optional.of("ok"), "local", Map.of(), Map.of("colour", "red"))))
                .hasMessage("create ok: invalid option: \"colour\"");
        assertThat(s.list(VolumeFilter.ALL)).isEmpty();
        assertThat(root.resolve("volumes")).isEmptyDirectory();
    }

    @Test
    void anonymousVolumes_haveHexNamesAndTheAnonymousLabel() throws Exception {
        Volume v = service().create(VolumeSpec.anonymous());
        assertThat(v.name()).matches("[0-9a-f]{64}");
        assertThat(v.anonymous()).isTrue();
    }

    @Test
    void list_filtersByNameLabelDriverAndDangling() throws Exception {
        LocalVolumeService s = service();
        s.create(labelled("web-data", Map.of("team", "a", "tier", "")));
        s.create(labelled("db-data", Map.of("team", "b")));
        s.usage(name -> name.equals("db-data") ? List.of("c1") : List.of());
        assertThat(names(s.list(new VolumeFilter(Optional.empty(), List.of(), List.of("web"), List.of()))))
                .containsExactly("web-data");
        assertThat(names(s.list(new VolumeFilter(Optional.empty(), List.of("team=b"), List.of(), List.of()))))
                .containsExactly("db-data");
        assertThat(names(s.list(new VolumeFilter(Optional.empty(), List.of("team", "tier"), List.of(), List.of()))))
                .containsExactly("web-data");
        assertThat(names(s.list(new VolumeFilter(Optional.of(true), List.of(), List.of(), List.of()))))
                .containsExactly("web-data");
        assertThat(names(s.list(new VolumeFilter(Optional.of(false), List.of(), List.of(), List.of("local")))))
                .containsExactly("db-data");
        assertThat(s.list(new VolumeFilter(Optional.empty(), List.of(), List.of(), List.of("nfs")))).isEmpty();
    }

    @Test
    void remove_refusesAVolumeInUse_unlessForced() throws Exception {
        LocalVolumeService s = service();
        s.create(VolumeSpec.named("data"));
        s.usage(name -> List.of("c1", "c2"));
        assertThatThrownBy(() -> s.remove("data", false))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage("remove data: volume is in use - [c1, c2]");
        s.remove("data", true);
        assertThat(root.resolve("volumes/data")).doesNotExist();
        assertThatThrownBy(() -> s.inspect("data")).hasMessage("get data: no such volume");
        assertThatThrownBy(() -> s.remove("data", false)).hasMessage("get data: no such volume");
        s.remove("data", true); // forced removal of a missing volume is no error, as in Docker
    }

    @Test
    void prune_removesOnlyUnusedAnonymousVolumes_unlessAll_andCountsTheirBytes() throws Exception {
        LocalVolumeService s = service();
        Volume anon = s.create(VolumeSpec.anonymous());
        Volume used = s.create(VolumeSpec.anonymous());
        s.create(VolumeSpec.named("named"));
        Files.write(anon.mountpoint().resolve("f"), new byte[1000]);
        s.usage(name -> name.equals(used.name()) ? List.of("c1") : List.of());
        PruneReport r = s.prune(VolumeFilter.ALL, false);
        assertThat(r.removed()).containsExactly(anon.name());
        assertThat(r.spaceReclaimed()).isEqualTo(1000);
        assertThat(s.prune(new VolumeFilter(Optional.empty(), List.of("!keep"), List.of(), List.of()), true).removed())
                .containsExactly("named");
        assertThat(names(s.list(VolumeFilter.ALL))).containsExactly(used.name());
    }

    @Test
    void start_deletesWhatAnInterruptedCreateOrRemoveLeft() throws Exception {
        Files.createDirectories(root.resolve("volumes/.tmp-half/_data"));
        Files.createDirectories(root.resolve("volumes/.trash/old-1234/_data"));
        Files.createDirectories(root.resolve("volumes/norecord/_data"));
        LocalVolumeService s = service();
        assertThat(s.list(VolumeFilter.ALL)).isEmpty();
        assertThat(root.resolve("volumes/.tmp-half")).doesNotExist();
        assertThat(root.resolve("volumes/.trash")).doesNotExist();
    }

    @Test
    void mount_mountsATmpfsVolumeForItsFirstUser_andUnmountsAfterTheLast() throws Exception {
        LocalVolumeService s = service();
        Volume v = s.create(new VolumeSpec(Optional.of("fast"), "local", Map.of(),
                Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m")));
        try {
            assertThat(s.mount("fast", "c1", "/a", false)).isEqualTo(v.mountpoint());
            s.mount("fast", "c2", "/b", true);
            assertThat(berth.sys.Mounts.isMountPoint(v.mountpoint())).isTrue();
            s.unmount("fast", "c1");
            assertThat(berth.sys.Mounts.isMountPoint(v.mountpoint())).isTrue();
            s.unmount("fast", "c2");
            assertThat(berth.sys.Mounts.isMountPoint(v.mountpoint())).isFalse();
        } finally {
            if (berth.sys.Mounts.isMountPoint(v.mountpoint())) {
                berth.sys.Mounts.unmount(v.mountpoint(), true);
            }
        }
        assertThat(events).extracting(Event::action).containsExactly("create", "mount", "mount", "unmount", "unmount");
        assertThat(events.get(2).attributes()).containsEntry("container", "c2").containsEntry("destination", "/b")
                .containsEntry("read/write", "false").containsEntry("driver", "local");
    }

    @Test
    void create_refusesDriverOptionsTheLocalDriverCannotMount() throws Exception {
        LocalVolumeService s = service();
        assertThatThrownBy(() -> s.create(new VolumeSpec(Optional.of("v1"), "local", Map.of(), Map.of("type", "tmpfs"))))
                .hasMessage("create v1: missing required option: \"device\"");
        assertThatThrownBy(() -> s.create(new VolumeSpec(Optional.of("v1"), "local", Map.of(),
                Map.of("type", "nfs", "device", ":/export", "o", "addr=1.2.3.4"))))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED));
        assertThatThrownBy(() -> s.create(new VolumeSpec(Optional.of("v1"), "nfs", Map.of(), Map.of())))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    private static List<String> names(List<Volume> vs) {
        return vs.stream().map(Volume::name).toList();
    }
}
