package berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import berth.client.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainValuesTest {
    private static final String DOC = "{\"z\":1,\"a\":[1,2147483648,9223372036854775808,1.5,\"s\",true,null,{}],"
            + "\"m\":{\"k\":{\"n\":[]}},\"u\":\"\\u00e9\",\"f\":false,\"nul\":null}";

    private static JsonNode tree() {
        return Json.parse(DOC.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void of_givesWhatConvertValueGave() {
        assertThat(PlainValues.of(tree())).isEqualTo(new ObjectMapper().convertValue(tree(), Object.class));
    }

    @Test
    void of_keepsKeyOrderAndNumberTypes() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) PlainValues.of(tree());
        assertThat(m).isInstanceOf(LinkedHashMap.class);
        assertThat(m.keySet()).containsExactly("z", "a", "m", "u", "f", "nul");
        assertThat(m).containsEntry("nul", null);
        List<?> a = (List<?>) m.get("a");
        assertThat(a).isInstanceOf(ArrayList.class);
        assertThat(a.get(0)).isEqualTo(1);
        assertThat(a.get(1)).isEqualTo(2147483648L);
        assertThat(a.get(2)).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(a.get(3)).isEqualTo(1.5);
        assertThat(a.get(7)).isEqualTo(Map.of());
    }

    @Test
    void jsonTemplateFunction_printsConvertedTreesAsTheSortingMapperDid() throws Exception {
        ObjectMapper sorted = new ObjectMapper().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        Object plain = PlainValues.of(tree());
        assertThat(GoValues.json(plain)).isEqualTo(sorted.writeValueAsString(plain))
                .startsWith("{\"a\":[1,2147483648,9223372036854775808,1.5,\"s\",true,null,{}],\"f\":false,");
    }

    @Test
    void jsonTemplateFunction_fallsBackToTheMapperForOtherTypes() {
        record Point(int x, int y) {}
        assertThat(GoValues.json(List.of(new Point(1, 2)))).isEqualTo("[{\"x\":1,\"y\":2}]");
        assertThat(GoValues.json(Map.of(2, "b", 1, "a"))).isEqualTo("{\"1\":\"a\",\"2\":\"b\"}");
    }
}
