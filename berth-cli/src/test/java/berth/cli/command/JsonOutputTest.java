package berth.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import berth.client.Json;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonOutputTest {
    private static final String INSPECT = """
            {"Id":"4f2b8c1d","Created":"2024-01-01T00:00:00.000000001Z","Path":"sh","Args":[],
             "State":{"Status":"running","Running":true,"Pid":1234,"ExitCode":0,"Error":""},
             "Config":{"Hostname":"4f2b","Env":["PATH=/bin","A=é 😀"],"Cmd":null,"Labels":{},
                       "ExposedPorts":{"80/tcp":{}}},
             "HostConfig":{"Memory":0,"NanoCpus":1500000000,"CpuShares":2147483648,"Ratio":0.5,
                           "Big":123456789012345678901234567890,"Binds":[]},
             "Mounts":[{"Type":"volume","RW":true}],"Nested":[[],[{}],[1,[2]]]}
            """;

    /** The printer JsonOutput used to run through an ObjectMapper: the output must not change. */
    private static String throughMapper(JsonNode node) throws Exception {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator(""));
        DefaultIndenter four = new DefaultIndenter("    ", "\n");
        pp.indentObjectsWith(four);
        pp.indentArraysWith(four);
        return new ObjectMapper().writer(pp).writeValueAsString(node);
    }

    @Test
    void indent_isWhatTheMapperPrinted_forAFullInspectDocument() throws Exception {
        JsonNode doc = Json.parse(INSPECT.getBytes(StandardCharsets.UTF_8));
        assertThat(JsonOutput.indent(doc)).isEqualTo(throughMapper(doc));
        JsonNode array = Json.parse(("[" + INSPECT + "," + INSPECT + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(JsonOutput.indent(array)).isEqualTo(throughMapper(array));
    }

    @Test
    void indent_usesFourSpacesAndGoStyleEmptyContainers() {
        JsonNode doc = Json.parse("[{\"a\":[],\"b\":{},\"c\":[1,\"x\"],\"d\":null}]".getBytes(StandardCharsets.UTF_8));
        assertThat(JsonOutput.indent(doc)).isEqualTo("""
                [
                    {
                        "a": [],
                        "b": {},
                        "c": [
                            1,
                            "x"
                        ],
                        "d": null
                    }
                ]""");
    }
}
