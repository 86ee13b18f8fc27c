package berth.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.client.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What events, port, diff and the detach keys print or do, for canned daemon replies. */
class OutputsTest {
    private static JsonNode json(String s) {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void events_prettyLine_isDockers() {
        JsonNode e = json("{\"status\":\"create\",\"id\":\"abc\",\"Type\":\"container\",\"Action\":\"create\","
                + "\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"name\":\"x\",\"image\":\"busybox\"}},\"time\":1700000000,"
                + "\"timeNano\":1700000000123456789}");
        assertThat(EventsCommand.pretty(e, ZoneOffset.UTC))
                .isEqualTo("2023-11-14T22:13:20.123456789Z container create abc (image=busybox, name=x)\n");
        assertThat(EventsCommand.pretty(json("{\"Type\":\"image\",\"Action\":\"pull\",\"Actor\":{\"ID\":\"busybox\"},\"time\":1700000000}"),
                ZoneOffset.ofHours(1))).isEqualTo("2023-11-14T23:13:20.000000000+01:00 image pull busybox\n");
    }

    @Test
    void port_listsBindingsSortedByPort_orOnePortsHosts() {
        JsonNode ports = json("{\"9999/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"32768\"},{\"HostIp\":\"::\",\"HostPort\":\"32768\"}],"
                + "\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"18080\"}],\"53/udp\":null}");
        assertThat(PortCommand.lines(ports, null))
                .containsExactly("80/tcp -> 127.0.0.1:18080", "9999/tcp -> 0.0.0.0:32768", "9999/tcp -> [::]:32768");
        assertThat(PortCommand.lines(ports, "80")).containsExactly("127.0.0.1:18080");
        assertThat(PortCommand.lines(ports, "81/tcp")).isEmpty();
    }

    @Test
    void diff_kinds() {
        assertThat(DiffCommand.kind(0)).isEqualTo("C");
        assertThat(DiffCommand.kind(1)).isEqualTo("A");
        assertThat(DiffCommand.kind(2)).isEqualTo("D");
    }

    @Test
    void detachKeys_parseDockersNotation_andMatchAcrossReads() {
        assertThat(DetachKeys.parse("ctrl-p,ctrl-q").sequence()).containsExactly(16, 17);
        assertThat(DetachKeys.parse("a,ctrl-@,ctrl-_").sequence()).containsExactly('a', 0, 31);
        assertThatThrownBy(() -> DetachKeys.parse("ctrl-1")).hasMessage("Unknown character: 'ctrl-1'");
        DetachKeys.Matcher m = new DetachKeys.Matcher(DetachKeys.parse(DetachKeys.DEFAULT));
        assertThat(m.feed(new byte[] {'a', 16}, 2)).containsExactly('a');
        assertThat(m.feed(new byte[] {'b'}, 1)).containsExactly(16, 'b'); // not the sequence after all: passed on
        assertThat(m.feed(new byte[] {16}, 1)).isEmpty();
        assertThat(m.feed(new byte[] {17, 'z'}, 2)).isNull();
    }

    @Test
    void cpArgs_splitAsDocker() {
        assertThat(CpCommand.Arg.parse("web:/etc/hosts")).isEqualTo(new CpCommand.Arg("web", "/etc/hosts"));
        assertThat(CpCommand.Arg.parse("/abs:path")).isEqualTo(new CpCommand.Arg(null, "/abs:path"));
        assertThat(CpCommand.Arg.parse("./rel:x")).isEqualTo(new CpCommand.Arg(null, "./rel:x"));
        assertThat(CpCommand.Arg.parse("-")).isEqualTo(new CpCommand.Arg(null, "-"));
        assertThat(CpCommand.baseName("/a/b/")).isEqualTo("b");
        assertThat(CpCommand.baseName("/a/b/.")).isEqualTo("b");
        assertThat(CpCommand.parentOf("/a/b")).isEqualTo("/a");
        assertThat(CpCommand.parentOf("/a")).isEqualTo("/");
    }
}
