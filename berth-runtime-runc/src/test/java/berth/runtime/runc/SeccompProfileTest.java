package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PROFILE = """
            {"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,
             "archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":["SCMP_ARCH_X86"]},
                        {"architecture":"SCMP_ARCH_AARCH64","subArchitectures":["SCMP_ARCH_ARM"]}],
             "syscalls":[
               {"names":["read"],"action":"SCMP_ACT_ALLOW"},
               {"names":["arm_only"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["arm64"]}},
               {"names":["needs_admin"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}},
               {"names":["new_kernel"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"7.1"}},
               {"names":["old_kernel"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8"}},
               {"names":["clone"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":2114060288,"op":"SCMP_CMP_MASKED_EQ"}],
                "excludes":{"caps":["CAP_SYS_ADMIN"]}},
               {"names":["clone3"],"action":"SCMP_ACT_ERRNO","errnoRet":38,"excludes":{"caps":["CAP_SYS_ADMIN"],"arches":["s390x"]}},
               {"names":["not_on_amd64"],"action":"SCMP_ACT_ALLOW","excludes":{"arches":["amd64"]}}
             ]}
            """;

    private List<String> names(JsonNode oci) {
        List<String> out = new ArrayList<>();
        oci.get("syscalls").forEach(r -> r.get("names").forEach(n -> out.add(n.asText())));
        return out;
    }

    @Test
    void rulesAreKeptOnlyWhenIncludesAndExcludesHold() throws Exception {
        SeccompProfile p = SeccompProfile.parse(MAPPER.readTree(PROFILE));
        JsonNode oci = p.toOci("amd64", "SCMP_ARCH_X86_64", Set.of("CAP_CHOWN"), new KernelVersion(6, 18));
        assertThat(names(oci)).containsExactly("read", "old_kernel", "clone", "clone3");
        assertThat(oci.get("defaultErrnoRet").asInt()).isEqualTo(1);
        assertThat(oci.get("architectures").toString()).isEqualTo("[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\"]");
        JsonNode clone = oci.get("syscalls").get(2);
        assertThat(clone.at("/args/0/op").asText()).isEqualTo("SCMP_CMP_MASKED_EQ");
        assertThat(clone.at("/args/0/value").asLong()).isEqualTo(2114060288L);
        assertThat(clone.at("/args/0/valueTwo").asLong()).isZero();
        assertThat(oci.get("syscalls").get(3).get("errnoRet").asInt()).isEqualTo(38);
    }

    @Test
    void grantingACapabilitySwapsTheRulesThatDependOnIt() throws Exception {
        SeccompProfile p = SeccompProfile.parse(MAPPER.readTree(PROFILE));
        JsonNode oci = p.toOci("amd64", "SCMP_ARCH_X86_64", Set.of("CAP_SYS_ADMIN"), new KernelVersion(4, 4));
        assertThat(names(oci)).containsExactly("read", "needs_admin");
    }

    @Test
    void kernelVersionsCompareByMajorThenMinor() {
        assertThat(KernelVersion.parse("6.18.0-1-amd64")).isEqualTo(new KernelVersion(6, 18));
        assertThat(new KernelVersion(6, 18).atLeast(KernelVersion.parse("4.8"))).isTrue();
        assertThat(new KernelVersion(5, 4).atLeast(KernelVersion.parse("5.10"))).isFalse();
        assertThat(new KernelVersion(5, 10).atLeast(KernelVersion.parse("5.10"))).isTrue();
    }
}
