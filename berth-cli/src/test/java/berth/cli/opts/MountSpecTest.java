package berth.cli.opts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MountSpecTest {
    private static final Path CWD = Path.of("/home/u");

    @Test
    void bind_withReadonlyAndPropagation_isSentAsDockerSendsIt() {
        MountSpec m = MountSpec.parse("type=bind,source=/tmp,target=/b,readonly,bind-propagation=rslave", CWD);
        assertThat(m.toJson().toString()).isEqualTo(
                "{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/b\",\"ReadOnly\":true,\"BindOptions\":{\"Propagation\":\"rslave\"}}");
    }

    @Test
    void tmpfs_sizeAndOctalMode() {
        MountSpec m = MountSpec.parse("type=tmpfs,dst=/tm,tmpfs-size=1m,tmpfs-mode=1770", CWD);
        assertThat(m.toJson().toString())
                .isEqualTo("{\"Type\":\"tmpfs\",\"Target\":\"/tm\",\"TmpfsOptions\":{\"SizeBytes\":1048576,\"Mode\":1016}}");
    }

    @Test
    void typeDefaultsToVolume_andRelativeSourcesBecomeAbsolute() {
        assertThat(MountSpec.parse("src=v,target=/m", CWD).type()).isEqualTo("volume");
        assertThat(MountSpec.parse("type=bind,src=./d,target=/m", CWD).source()).isEqualTo("/home/u/d");
        assertThat(MountSpec.parse("type=bind,\"src=/a,b\",target=/m,ro=false", CWD).source()).isEqualTo("/a,b");
    }

    @Test
    void badFields_getDockersMessages() {
        assertThatThrownBy(() -> MountSpec.parse("type=bind,source=/x", CWD)).hasMessage("target is required");
        assertThatThrownBy(() -> MountSpec.parse("bogus", CWD)).hasMessage("invalid field 'bogus' must be a key=value pair");
        assertThatThrownBy(() -> MountSpec.parse("type=tmpfs,target=/t,tmpfs-size=1x", CWD))
                .hasMessage("invalid value for tmpfs-size: 1x");
        assertThatThrownBy(() -> MountSpec.parse("type=tmpfs,target=/t,tmpfs-mode=9", CWD))
                .hasMessage("invalid value for tmpfs-mode: 9");
        assertThatThrownBy(() -> MountSpec.parse("type=volume,target=/v,readonly=maybe", CWD))
                .hasMessage("invalid value for readonly: maybe");
        assertThatThrownBy(() -> MountSpec.parse("type=bind,target=/v,colour=red", CWD))
                .hasMessage("unexpected key 'colour' in 'colour=red'");
        assertThatThrownBy(() -> MountSpec.parse("type=tmpfs,target=/v,bind-propagation=shared", CWD))
                .hasMessage("cannot mix 'bind-*' options with mount type 'tmpfs'");
    }
}
