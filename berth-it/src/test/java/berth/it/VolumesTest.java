package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named and anonymous volumes through the real docker CLI: the volume commands with labels and filters,
 * data that outlives its container, copy-up of the image's content, nocopy, read-only mounts,
 * --volumes-from, removal rules for anonymous and in-use volumes, and Docker's errors for bad input.
 */
@ExtendWith(SharedDaemon.class)
class VolumesTest {
    @TempDir
    Path tmp;
    private Docker docker;

    private DaemonHarness daemon;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.daemon = daemon;
        this.docker = new Docker(daemon);
    }

    @AfterEach
    void cleanUp() throws Exception {
        String ids = docker.run("ps", "-aq", "--filter", "label=it-volumes").out();
        for (String id : ids.lines().toList()) {
            docker.run("rm", "-f", "-v", id);
        }
        for (String v : docker.run("volume", "ls", "-q", "--filter", "name=it-v").out().lines().toList()) {
            docker.run("volume", "rm", "-f", v);
        }
    }

    private String ok(String... args) throws Exception {
        Docker.Result r = docker.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void create_ls_inspect_rm_withLabelsAndFilters() throws Exception {
        assertThat(ok("volume", "create", "--label", "team=a", "--label", "tier", "it-v-one")).isEqualTo("it-v-one");
        ok("volume", "create", "--label", "team=b", "it-v-two");
        assertThat(ok("volume", "create", "it-v-one")).as("create is idempotent").isEqualTo("it-v-one");
        assertThat(ok("volume", "ls", "-q", "--filter", "name=it-v-")).isEqualTo("it-v-one\nit-v-two");
        assertThat(ok("volume", "ls", "-q", "--filter", "label=team=b")).isEqualTo("it-v-two");
        assertThat(ok("volume", "ls", "-q", "--filter", "label=tier")).isEqualTo("it-v-one");
        assertThat(ok("volume", "ls", "-q", "--filter", "name=it-v-", "--filter", "driver=local",
                "--filter", "dangling=true")).isEqualTo("it-v-one\nit-v-two");
        assertThat(ok("volume", "inspect", "-f", "{{.Name}} {{.Driver}} {{.Scope}} {{.Labels.team}}", "it-v-one"))
                .isEqualTo("it-v-one local local a");
        assertThat(ok("volume", "inspect", "-f", "{{.Mountpoint}}", "it-v-one")).endsWith("/volumes/it-v-one/_data");
        assertThat(ok("volume", "rm", "it-v-one", "it-v-two")).isEqualTo("it-v-one\nit-v-two");
        assertThat(ok("volume", "ls", "-q", "--filter", "name=it-v-")).isEmpty();
        Docker.Result missing = docker.run("volume", "inspect", "it-v-none");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("no such volume");
        Docker.Result badFilter = docker.run("volume", "ls", "--filter", "colour=red");
        assertThat(badFilter.stderr()).contains("invalid filter 'colour'");
    }

    @Test
    void badNames_getDockersMessage_andNothingIsCreated() throws Exception {
        Docker.Result shortName = docker.run("volume", "create", "x");
        assertThat(shortName.exitCode()).isNotZero();
        assertThat(shortName.stderr()).contains("create x: volume name is too short, names should be at least two"
                + " alphanumeric characters");
        Docker.Result bad = docker.run("run", "--rm", "-v", "it-v bad!:/data", "busybox", "true");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("includes invalid characters for a local volume name, only"
                + " \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed");
        Docker.Result opt = docker.run("volume", "create", "-o", "colour=red", "it-v-opt");
        assertThat(opt.stderr()).contains("create it-v-opt: invalid option: \"colour\"");
        Docker.Result abs = docker.run("run", "--rm", "--mount", "type=volume,src=/abs,dst=/x", "busybox", "true");
        assertThat(abs.stderr()).contains("create /abs: \"/abs\" includes invalid characters");
        Docker.Result from = docker.run("create", "--volumes-from", "nosuch-it-v:rx", "busybox");
        assertThat(from.stderr()).contains("invalid mode: rx");
        assertThat(ok("volume", "ls", "-q", "--filter", "name=it-v")).isEmpty();
    }

    @Test
    void data_outlivesItsContainer_andIsSeenByTheNext() throws Exception {
        ok("run", "--rm", "-v", "it-v-data:/data", "busybox", "sh", "-c", "echo kept > /data/f");
        assertThat(ok("volume", "ls", "-q", "--filter", "name=it-v-data")).isEqualTo("it-v-data");
        assertThat(ok("run", "--rm", "-v", "it-v-data:/other", "busybox", "cat", "/other/f")).isEqualTo("kept");
        assertThat(ok("run", "--rm", "--mount", "type=volume,source=it-v-data,target=/m", "busybox", "cat", "/m/f"))
                .isEqualTo("kept");
    }

    @Test
    void newVolume_isFilledFromTheImage_unlessNocopy() throws Exception {
        assertThat(ok("run", "--rm", "-v", "it-v-etc:/etc", "busybox", "true")).isEmpty();
        Path data = Path.of(ok("volume", "inspect", "-f", "{{.Mountpoint}}", "it-v-etc"));
        assertThat(data.resolve("passwd")).exists();
        assertThat(ok("run", "--rm", "-v", "it-v-etc:/x", "busybox", "grep", "-c", "^root:", "/x/passwd"))
                .isEqualTo("1");
        assertThat(ok("run", "--rm", "-v", "it-v-copy:/var", "busybox", "ls", "/var")).isEqualTo("spool\nwww");
        assertThat(ok("run", "--rm", "-v", "it-v-nocopy:/var:nocopy", "busybox", "ls", "/var")).isEmpty();
        assertThat(ok("run", "--rm", "--mount", "type=volume,src=it-v-nocopy2,dst=/var,volume-nocopy", "busybox",
                "ls", "/var")).isEmpty();
    }

    @Test
    void imageVolume_getsAnAnonymousVolumeWithTheImagesFilesAndOwners() throws Exception {
        String maker = ok("create", "--label", "it-volumes", "busybox", "sh", "-c",
                "mkdir /data && echo from-image > /data/f && chown -R 1000:1000 /data && chmod 750 /data");
        ok("start", "-a", maker);
        Path tar = tmp.resolve("rootfs.tar");
        ok("export", "-o", tar.toString(), maker);
        ok("import", "-c", "VOLUME /data", "-c", "CMD [\"sh\"]", tar.toString(), "it-volume-image:v1");
        String id = ok("create", "--label", "it-volumes", "it-volume-image:v1", "cat", "/data/f");
        String name = ok("inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}}{{end}}", id);
        assertThat(name).startsWith("volume ").endsWith(" /data");
        String volume = name.split(" ")[1];
        assertThat(volume).matches("[0-9a-f]{64}");
        assertThat(ok("start", "-a", id)).isEqualTo("from-image");
        assertThat(ok("run", "--rm", "-v", volume + ":/v", "busybox", "stat", "-c", "%u:%g %a", "/v", "/v/f"))
                .isEqualTo("1000:1000 750\n1000:1000 644");
        ok("rm", id);
        assertThat(ok("volume", "ls", "-q", "--filter", "name=" + volume)).as("rm without -v keeps it")
                .isEqualTo(volume);
        ok("volume", "rm", volume);
        docker.run("rmi", "it-volume-image:v1");
    }

    @Test
    void anonymousVolumes_goWithRmV_andRunRm_namedOnesStay() throws Exception {
        String id = ok("create", "--label", "it-volumes", "-v", "/anon", "-v", "it-v-named:/named", "busybox");
        String anon = ok("inspect", "-f", "{{range .Mounts}}{{if eq .Destination \"/anon\"}}{{.Name}}{{end}}{{end}}",
                id);
        assertThat(ok("inspect", "-f", "{{range .Mounts}}{{.Type}}:{{.Destination}}:{{.RW}}:{{.Driver}} {{end}}", id))
                .contains("volume:/anon:true:local", "volume:/named:true:local");
        assertThat(ok("volume", "ls", "-q")).contains(anon);
        ok("rm", "-v", id);
        assertThat(ok("volume", "ls", "-q")).doesNotContain(anon).contains("it-v-named");

        String before = ok("volume", "ls", "-q");
        ok("run", "--rm", "-v", "/anon2", "-v", "it-v-named:/named", "busybox", "true");
        assertThat(ok("volume", "ls", "-q")).isEqualTo(before);
    }

    @Test
    void readOnlyVolume_refusesWrites() throws Exception {
        ok("volume", "create", "it-v-ro");
        Docker.Result w = docker.run("run", "--rm", "-v", "it-v-ro:/data:ro", "busybox", "touch", "/data/x");
        assertThat(w.exitCode()).isNotZero();
        assertThat(w.stderr()).contains("Read-only file system");
        Docker.Result m = docker.run("run", "--rm", "--mount", "type=volume,src=it-v-ro,dst=/data,readonly",
                "busybox", "touch", "/data/x");
        assertThat(m.stderr()).contains("Read-only file system");
    }

    @Test
    void inUseVolume_isRefused409_unlessForced() throws Exception {
        String id = ok("create", "--label", "it-volumes", "-v", "it-v-used:/data", "busybox");
        Docker.Result rm = docker.run("volume", "rm", "it-v-used");
        assertThat(rm.exitCode()).isNotZero();
        assertThat(rm.stderr()).contains("remove it-v-used: volume is in use - [" + id + "]");
        assertThat(ok("volume", "ls", "-q", "--filter", "dangling=false", "--filter", "name=it-v-used"))
                .isEqualTo("it-v-used");
        ok("volume", "rm", "-f", "it-v-used");
        assertThat(ok("volume", "ls", "-q", "--filter", "name=it-v-used")).isEmpty();
        Docker.Result start = docker.run("start", id);
        assertThat(start.exitCode()).isNotZero();
        assertThat(start.stderr()).contains("get it-v-used: no such volume");
    }

    @Test
    void volumesFrom_sharesTheMountPoints_withTheirOrAGivenMode() throws Exception {
        Path host = java.nio.file.Files.createDirectories(tmp.resolve("bound"));
        String source = ok("create", "--label", "it-volumes", "-v", "it-v-shared:/shared", "-v", host + ":/bound",
                "busybox");
        ok("run", "--rm", "--volumes-from", source, "busybox", "touch", "/bound/from-bind");
        assertThat(host.resolve("from-bind")).as("binds are shared too").exists();
        ok("run", "--rm", "--volumes-from", source, "busybox", "sh", "-c", "echo via-from > /shared/f");
        assertThat(ok("run", "--rm", "-v", "it-v-shared:/s", "busybox", "cat", "/s/f")).isEqualTo("via-from");
        Docker.Result ro = docker.run("run", "--rm", "--volumes-from", source + ":ro", "busybox", "touch", "/shared/g");
        assertThat(ro.stderr()).contains("Read-only file system");
    }

    @Test
    void prune_removesUnusedAnonymousVolumes_andNamedOnesWithAll() throws Exception {
        ok("volume", "create", "--label", "it-prune", "it-v-prune");
        String keep = ok("create", "--label", "it-volumes", "-v", "it-v-kept:/k", "busybox");
        String user = ok("create", "--label", "it-volumes", "-v", "/p", "busybox");
        String anon = ok("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", user);
        ok("rm", user);
        assertThat(ok("volume", "inspect", "-f", "{{.Name}}", anon)).as("rm without -v keeps it").isEqualTo(anon);
        // API 1.42+: without --all only anonymous volumes go
        assertThat(ok("volume", "prune", "-f")).contains(anon).doesNotContain("it-v-prune").doesNotContain("it-v-kept");
        assertThat(ok("volume", "prune", "-a", "-f", "--filter", "label=it-prune")).contains("it-v-prune");
        assertThat(ok("volume", "ls", "-q", "--filter", "label=it-prune")).isEmpty();
        assertThat(ok("volume", "ls", "-q", "--filter", "name=it-v-kept")).isEqualTo("it-v-kept");
        ok("rm", keep);
    }

    @Test
    void localDriverOptions_tmpfsAndBind_areMountedWhileUsed() throws Exception {
        ok("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=1m", "it-v-tmpfs");
        assertThat(ok("run", "--rm", "-v", "it-v-tmpfs:/t", "busybox", "sh", "-c",
                "grep ' /t ' /proc/mounts | cut -d' ' -f3")).isEqualTo("tmpfs");
        Path host = java.nio.file.Files.createDirectories(tmp.resolve("device"));
        java.nio.file.Files.writeString(host.resolve("f"), "on-host");
        ok("volume", "create", "-o", "type=none", "-o", "device=" + host, "-o", "o=bind", "it-v-bind");
        assertThat(ok("run", "--rm", "-v", "it-v-bind:/b", "busybox", "cat", "/b/f")).isEqualTo("on-host");
        Path data = Path.of(ok("volume", "inspect", "-f", "{{.Mountpoint}}", "it-v-bind"));
        for (int i = 0; i < 50 && java.nio.file.Files.exists(data.resolve("f")); i++) {
            Thread.sleep(100); // the run's clean-up unmounts it just after the container is gone
        }
        assertThat(data.resolve("f")).as("unmounted after the run").doesNotExist();
        assertThat(host.resolve("f")).as("the device keeps its files").hasContent("on-host");
        assertThat(ok("volume", "inspect", "-f", "{{.Options.type}}", "it-v-bind")).isEqualTo("none");
    }

    @Test
    void dockerCp_seesTheVolume() throws Exception {
        String id = ok("create", "--label", "it-volumes", "-v", "it-v-cp:/data", "busybox", "sh", "-c",
                "echo in-volume > /data/f");
        ok("start", "-a", id);
        Path out = tmp.resolve("f");
        ok("cp", id + ":/data/f", out.toString());
        assertThat(out).hasContent("in-volume\n");
    }

    @Test
    void berthCli_volumeVerbs() throws Exception {
        Docker berth = Docker.berth(daemon);
        assertThat(berth.run("volume", "create", "--label", "k=v", "it-v-berth").out()).isEqualTo("it-v-berth");
        assertThat(berth.run("volume", "ls", "-q", "--filter", "label=k=v").out()).isEqualTo("it-v-berth");
        assertThat(berth.run("volume", "ls", "--filter", "name=it-v-berth").out())
                .isEqualTo("DRIVER    VOLUME NAME\nlocal     it-v-berth");
        assertThat(berth.run("volume", "inspect", "-f", "{{.Labels.k}}", "it-v-berth").out()).isEqualTo("v");
        assertThat(berth.run("volume", "prune", "-a", "-f", "--filter", "label=k=v").out())
                .startsWith("Deleted Volumes:\nit-v-berth");
        String source = ok("create", "--label", "it-volumes", "-v", "it-v-from:/from", "busybox");
        Docker.Result from = berth.run("run", "--rm", "--volumes-from", source + ":ro", "busybox", "touch", "/from/x");
        assertThat(from.stderr()).as(from.toString()).contains("Read-only file system");
        Docker.Result missing = berth.run("volume", "rm", "it-v-berth");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("no such volume");
    }

    @Test
    void api_statusCodesShapesAndPruneBeforeApi142() throws Exception {
        RawHttp.Response created = RawHttp.send(daemon.socket(), "POST", "/v1.41/volumes/create",
                "{\"Name\":\"it-v-api\",\"Labels\":{\"it-api\":\"1\"}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).contains("\"Name\":\"it-v-api\"", "\"Driver\":\"local\"", "\"Scope\":\"local\"");
        RawHttp.Response list = RawHttp.send(daemon.socket(), "GET",
                "/v1.41/volumes?filters=%7B%22label%22%3A%5B%22it-api%3D1%22%5D%7D", null);
        assertThat(list.body()).startsWith("{\"Volumes\":[{").contains("\"Warnings\":null");
        String id = ok("create", "--label", "it-volumes", "-v", "it-v-api:/d", "busybox");
        RawHttp.Response inUse = RawHttp.send(daemon.socket(), "DELETE", "/v1.41/volumes/it-v-api", null);
        assertThat(inUse.status()).isEqualTo(409);
        ok("rm", id);
        ok("run", "--rm", "-v", "it-v-api:/d", "busybox", "sh", "-c", "head -c 2048 /dev/zero > /d/f");
        // before API 1.42 prune takes named volumes too
        RawHttp.Response prune = RawHttp.send(daemon.socket(), "POST",
                "/v1.41/volumes/prune?filters=%7B%22label%22%3A%5B%22it-api%3D1%22%5D%7D", null);
        assertThat(prune.status()).isEqualTo(200);
        assertThat(prune.body()).isEqualTo("{\"VolumesDeleted\":[\"it-v-api\"],\"SpaceReclaimed\":2048}");
        assertThat(RawHttp.send(daemon.socket(), "GET", "/v1.41/volumes/it-v-api", null).status()).isEqualTo(404);
    }

    @Test
    void events_createMountUnmountDestroy() throws Exception {
        long since = System.currentTimeMillis() / 1000 - 1;
        ok("volume", "create", "it-v-events");
        ok("run", "--rm", "-v", "it-v-events:/e:ro", "busybox", "true");
        ok("volume", "rm", "it-v-events");
        Thread.sleep(1100);
        String until = Long.toString(System.currentTimeMillis() / 1000);
        Docker.Result r = docker.run("events", "--since", Long.toString(since), "--until", until, "--filter",
                "type=volume", "--filter", "volume=it-v-events", "--format",
                "{{.Action}} {{.Actor.ID}} {{.Actor.Attributes.driver}} {{.Actor.Attributes.destination}}");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines().toList()).containsExactly(
                "create it-v-events local <no value>",
                "mount it-v-events local /e",
                "unmount it-v-events local <no value>",
                "destroy it-v-events local <no value>");
    }
}
