package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.container.ConsoleSize;
import berth.runtime.ExecRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtyExecSpecTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path bundle;

    private JsonNode spec(ExecRequest req) throws Exception {
        Files.createDirectories(bundle.resolve("rootfs/etc"));
        Files.writeString(bundle.resolve("config.json"), """
                {"root":{"path":"rootfs"},"process":{"terminal":false,"consoleSize":{"height":1,"width":1},
                 "capabilities":{"bounding":["CAP_CHOWN"],"effective":["CAP_CHOWN"],"permitted":["CAP_CHOWN"]},
                 "args":["sleep"],"env":[],"cwd":"/","user":{"uid":0,"gid":0}}}""");
        return RuncExec.processSpec(bundle, req, M);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void processSpec_ofATtyExecAsksForATerminalAndSetsTerm() throws Exception {
        JsonNode p = spec(new ExecRequest(List.of("sh"), List.of("PATH=/bin"), "", "", true, true, false,
                Optional.empty()));
        assertThat(p.path("terminal").asBoolean()).isTrue();
        assertThat(texts(p.path("env"))).containsExactly("PATH=/bin", "TERM=xterm");
        assertThat(p.has("consoleSize")).isFalse();
    }

    @Test
    void processSpec_ofATtyExecCarriesTheClientsConsoleSize() throws Exception {
        JsonNode p = spec(new ExecRequest(List.of("sh"), List.of(), "", "", true, true, false,
                Optional.of(new ConsoleSize(30, 100))));
        assertThat(p.path("consoleSize").path("height").asInt()).isEqualTo(30);
        assertThat(p.path("consoleSize").path("width").asInt()).isEqualTo(100);
    }

    @Test
    void processSpec_keepsTheClientsTerm() throws Exception {
        JsonNode p = spec(new ExecRequest(List.of("sh"), List.of("TERM=vt100"), "", "", true, true, false,
                Optional.empty()));
        assertThat(texts(p.path("env"))).containsExactly("TERM=vt100");
    }

    @Test
    void processSpec_withoutATtyHasNoTerminalAndTheContainersCapabilities() throws Exception {
        JsonNode p = spec(new ExecRequest(List.of("true"), List.of(), "", "/tmp", false));
        assertThat(p.path("terminal").asBoolean()).isFalse();
        assertThat(texts(p.path("env"))).isEmpty();
        assertThat(p.path("cwd").asText()).isEqualTo("/tmp");
        assertThat(texts(p.path("capabilities").path("effective"))).containsExactly("CAP_CHOWN");
    }

    @Test
    void processSpec_ofAPrivilegedExecGrantsTheDaemonsBoundingSet() throws Exception {
        JsonNode p = spec(new ExecRequest(List.of("true"), List.of(), "", "", false, false, true, Optional.empty()));
        List<String> bounding = List.copyOf(Capabilities.boundingSet(Files.readString(Path.of("/proc/self/status"))));
        for (String set : List.of("bounding", "effective", "permitted", "inheritable")) {
            assertThat(texts(p.path("capabilities").path(set))).as(set).containsExactlyElementsOf(bounding);
        }
        assertThat(bounding).contains("CAP_SYS_ADMIN");
    }
}
