package berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Object INSPECT = parse("""
            {"Id":"abc","State":{"Status":"running","Pid":4242,"Running":true,"ExitCode":0},
             "Config":{"Env":["PATH=/bin","A=1"],"Cmd":null,"Labels":{"b":"2","a":"1"}},
             "Mounts":[{"Source":"/x"},{"Source":"/y"}]}""");

    private static Object parse(String json) {
        try {
            return new ObjectMapper().readValue(json, Object.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String run(String template, Object data) {
        return Template.parse(template).execute(data);
    }

    @Test
    void fields_walkNestedMaps() {
        assertThat(run("{{.State.Status}} pid={{.State.Pid}} {{.State.Running}}", INSPECT)).isEqualTo("running pid=4242 true");
    }

    @Test
    void values_printLikeGo() {
        assertThat(run("{{.Config.Env}}", INSPECT)).isEqualTo("[PATH=/bin A=1]");
        assertThat(run("{{.Config.Labels}}", INSPECT)).isEqualTo("map[a:1 b:2]");
        assertThat(run("{{.Config.Cmd}}", INSPECT)).isEqualTo("<nil>");
        assertThat(run("{{.Nope}}", INSPECT)).isEqualTo("<no value>");
        assertThat(run("{{.}}", Map.of("f", 1.5e21))).isEqualTo("map[f:1.5e+21]");
        assertThat(run("{{.}}", Map.of("f", 3.0))).isEqualTo("map[f:3]");
    }

    @Test
    void json_isCompactWithSortedKeys() {
        assertThat(run("{{json .Config.Labels}}", INSPECT)).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
        assertThat(run("{{json .Config.Env}}", INSPECT)).isEqualTo("[\"PATH=/bin\",\"A=1\"]");
        assertThat(run("{{json .Config.Cmd}}", INSPECT)).isEqualTo("null");
    }

    @Test
    void functionsAndPipelines_work() {
        assertThat(run("{{join .Config.Env \",\"}}", INSPECT)).isEqualTo("PATH=/bin,A=1");
        assertThat(run("{{.State.Status | upper}}", INSPECT)).isEqualTo("RUNNING");
        assertThat(run("{{lower \"ABC\"}}-{{len .Mounts}}", INSPECT)).isEqualTo("abc-2");
        assertThat(run("{{println .Id}}", INSPECT)).isEqualTo("abc\n");
        assertThat(run("{{index .Config.Labels \"b\"}}", INSPECT)).isEqualTo("2");
        assertThat(run("{{(index .Mounts 1).Source}}", INSPECT)).isEqualTo("/y");
    }

    @Test
    void rangeAndIf_iterateAndBranch() {
        assertThat(run("{{range .Mounts}}{{.Source}};{{end}}", INSPECT)).isEqualTo("/x;/y;");
        assertThat(run("{{if .State.Running}}up{{else}}down{{end}}", INSPECT)).isEqualTo("up");
        assertThat(run("{{if eq .State.ExitCode 0}}ok{{end}}", INSPECT)).isEqualTo("ok");
        assertThat(run("{{range .Config.Cmd}}x{{else}}empty{{end}}", INSPECT)).isEqualTo("empty");
    }

    @Test
    void trimMarkers_removeSurroundingSpace() {
        assertThat(run("a  {{- .Id -}}  b", INSPECT)).isEqualTo("aabcb");
    }

    @Test
    void methodCalls_reachTemplateData() {
        TemplateData row = new TemplateData() {
            @Override
            public Object field(String name) {
                return name.equals("Names") ? "web" : Template.NO_VALUE;
            }

            @Override
            public Object call(String name, List<Object> args) {
                return name + ":" + args.getFirst();
            }

            @Override
            public Map<String, Object> asMap() {
                return Map.of("Names", "web");
            }
        };

        assertThat(run("{{.Names}} {{.Label \"com.x\"}} {{json .}}", row)).isEqualTo("web Label:com.x {\"Names\":\"web\"}");
    }

    @Test
    void badTemplates_failWithAReason() {
        assertThatThrownBy(() -> Template.parse("{{.Id")).isInstanceOf(TemplateException.class).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> Template.parse("{{nope .Id}}")).hasMessageContaining("function \"nope\" not defined");
        assertThatThrownBy(() -> Template.parse("{{if .X}}y")).hasMessageContaining("without {{end}}");
        assertThatThrownBy(() -> run("{{.Id.Deeper}}", INSPECT)).hasMessageContaining("can't evaluate field Deeper");
    }
}
