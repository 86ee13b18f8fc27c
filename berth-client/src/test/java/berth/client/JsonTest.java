package berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    // The reference: what the client did before it stopped building a mapper.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> SAMPLES = List.of(
            "{}",
            "[]",
            "{\"a\":{\"b\":{\"c\":[1,[2,[3,{}]],[]]}},\"d\":[{\"e\":null},{\"f\":true,\"g\":false}]}",
            "{\"Id\":\"4f2b\",\"Names\":[\"/web\"],\"Labels\":{},\"Ports\":[{\"PrivatePort\":80,\"Type\":\"tcp\"}],\"SizeRw\":12345678901}",
            "{\"s\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u0001 <>&'\"}",
            "{\"raw\":\"ünïcödé 😀 中文\"}",
            "{\"i\":2147483647,\"i2\":-2147483648,\"l\":2147483648,\"l2\":-9223372036854775808,"
                    + "\"b\":9223372036854775808,\"b2\":-123456789012345678901234567890}",
            "{\"d\":1.5,\"e\":1e3,\"f\":-2.5E-7,\"z\":-0.0,\"p\":0.1,\"big\":1.7976931348623157E308,\"x\":12345678.9}",
            "[\"\",0,-0,1.0,null,\"null\"]",
            "\"just a string\"",
            "42",
            "null");

    @Test
    void parse_buildsTheSameTreeAsTheMapper_forEverySample() throws Exception {
        for (String s : SAMPLES) {
            // JsonNode.equals compares node classes too, so IntNode vs LongNode differences fail here.
            assertThat(Json.parse(utf8(s))).as(s).isEqualTo(MAPPER.readTree(utf8(s)));
        }
    }

    @Test
    void parse_picksIntLongOrBigIntegerBySize_likeJackson() {
        JsonNode n = Json.parse(utf8("[2147483647,2147483648,9223372036854775807,9223372036854775808]"));
        assertThat(n.get(0)).isInstanceOf(IntNode.class);
        assertThat(n.get(1)).isInstanceOf(LongNode.class);
        assertThat(n.get(2)).isInstanceOf(LongNode.class);
        assertThat(n.get(3)).isInstanceOf(BigIntegerNode.class);
        assertThat(n.get(3).bigIntegerValue()).isEqualTo(new BigInteger("9223372036854775808"));
    }

    @Test
    void parse_readsFractionsAndExponentsAsDoubles() {
        JsonNode n = Json.parse(utf8("[1.25,1e2,-3E-2]"));
        assertThat(n.get(0)).isInstanceOf(DoubleNode.class);
        assertThat(n.get(0).doubleValue()).isEqualTo(1.25);
        assertThat(n.get(1).doubleValue()).isEqualTo(100.0);
        assertThat(n.get(2).doubleValue()).isEqualTo(-0.03);
    }

    @Test
    void parse_decodesUnicodeEscapesIncludingSurrogatePairs() {
        JsonNode n = Json.parse(utf8("{\"k\\u00e9y\":\"\\u00e9\\ud83d\\ude00\\u0000\"}"));
        assertThat(n.get("kéy").textValue()).isEqualTo("é😀\u0000");
    }

    @Test
    void parse_givesTheMissingNodeForEmptyOrBlankInput() {
        assertThat(Json.parse(new byte[0]).isMissingNode()).isTrue();
        assertThat(Json.parse(utf8(" \n\t ")).isMissingNode()).isTrue();
        assertThat(Json.parse(utf8("null")).isNull()).isTrue();
    }

    @Test
    void parse_keepsTheLastValueOfARepeatedKey() {
        assertThat(Json.parse(utf8("{\"a\":1,\"b\":2,\"a\":3}")).toString()).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @Test
    void parse_refusesBrokenJsonWithAClientException() {
        assertThatThrownBy(() -> Json.parse(utf8("{\"a\":")))
                .isInstanceOf(ClientException.class).hasMessageContaining("does not parse");
        assertThatThrownBy(() -> Json.parse(utf8("{\"a\" 1}")))
                .isInstanceOf(ClientException.class).hasMessageContaining("does not parse");
    }

    @Test
    void bytes_andText_writeWhatTheMapperWrites_forEverySample() throws Exception {
        for (String s : SAMPLES) {
            JsonNode tree = MAPPER.readTree(utf8(s));
            // Bytes against bytes: Jackson's UTF-8 generator escapes surrogate pairs, its Writer one does not.
            assertThat(Json.bytes(tree)).as(s).isEqualTo(MAPPER.writeValueAsBytes(tree));
            assertThat(Json.text(tree)).as(s).isEqualTo(tree.toString());
        }
    }

    @Test
    void parseThenBytes_roundTripsToTheSameTree() {
        for (String s : SAMPLES) {
            JsonNode once = Json.parse(utf8(s));
            assertThat(Json.parse(Json.bytes(once))).as(s).isEqualTo(once);
        }
    }

    @Test
    void bytes_writesHandBuiltTrees_includingNumbersOfEveryKind() throws Exception {
        ObjectNode o = Json.object();
        o.put("Image", "busybox").put("i", 7).put("l", 1L << 40).put("f", 1.5f).put("d", 0.1)
                .put("dec", new java.math.BigDecimal("1.10")).put("big", new BigInteger("123456789012345678901234567890"))
                .put("bin", new byte[] {1, 2, 3}).putNull("n");
        o.putArray("Cmd").add("echo").add("hi");
        o.putObject("HostConfig").putObject("PortBindings");
        assertThat(Json.bytes(o)).isEqualTo(MAPPER.writeValueAsBytes(o));
    }

    @Test
    void bytes_handsValuesThatAreNotTreesToTheMapper() {
        assertThat(new String(Json.bytes(java.util.Map.of("a", 1)), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(new String(Json.bytes(null), StandardCharsets.UTF_8)).isEqualTo("null");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
