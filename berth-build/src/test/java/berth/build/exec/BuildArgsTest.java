package berth.build.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildArgsTest {
    private static Map<String, String> given(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aBuildArg_reachesAStageOnlyOnceDeclared() {
        BuildArgs stage = BuildArgs.global(given("V", "1")).forStage();
        assertThat(stage.allowed()).doesNotContainKey("V");
        stage.declare("V", null);
        assertThat(stage.allowed()).containsEntry("V", "1");
    }

    @Test
    void aRequestValue_beatsTheDefault_andTheDefaultAppliesWithoutOne() {
        BuildArgs stage = BuildArgs.global(given("A", "given")).forStage();
        stage.declare("A", "default");
        stage.declare("B", "default");
        assertThat(stage.allowed()).containsEntry("A", "given").containsEntry("B", "default");
    }

    @Test
    void anArgWithoutDefault_takesTheGlobalValue_butOnlyWhenRedeclared() {
        BuildArgs global = BuildArgs.global(Map.of());
        global.declareGlobal("V", "3");
        assertThat(global.globalValues()).containsEntry("V", "3");
        BuildArgs stage = global.forStage();
        assertThat(stage.allowed()).doesNotContainKey("V");
        stage.declare("V", null);
        assertThat(stage.allowed()).containsEntry("V", "3");
    }

    @Test
    void proxyArgs_needNoArg_andStayOutOfHistoryUnlessDeclared() {
        BuildArgs stage = BuildArgs.global(given("http_proxy", "http://p:3128", "B", "2")).forStage();
        stage.declare("B", null);
        assertThat(stage.notIn(List.of())).contains("http_proxy=http://p:3128", "B=2");
        assertThat(stage.historyPrefix(List.of())).isEqualTo("|1 B=2 ");
        stage.declare("http_proxy", null);
        assertThat(stage.historyPrefix(List.of())).isEqualTo("|2 B=2 http_proxy=http://p:3128 ");
    }

    @Test
    void historyPrefix_isSortedAndLeavesOutArgsThatEnvOverrides() {
        BuildArgs stage = BuildArgs.global(Map.of()).forStage();
        stage.declare("Z", "26");
        stage.declare("A", "1");
        stage.declare("E", "arg");
        assertThat(stage.historyPrefix(List.of("E=env"))).isEqualTo("|2 A=1 Z=26 ");
        assertThat(stage.expansionEnv(List.of("E=env"))).containsEntry("E", "env").containsEntry("A", "1");
    }

    @Test
    void onlyProxyArgs_giveAnEmptyCount_asDockerWritesIt() {
        BuildArgs stage = BuildArgs.global(given("HTTP_PROXY", "http://p")).forStage();
        assertThat(stage.historyPrefix(List.of())).isEqualTo("|0 ");
    }

    @Test
    void noArgs_noPrefix() {
        assertThat(BuildArgs.global(Map.of()).forStage().historyPrefix(List.of("PATH=/bin"))).isEmpty();
    }

    @Test
    void unconsumed_listsRequestArgsNoArgDeclared_proxyArgsExcepted() {
        BuildArgs global = BuildArgs.global(given("USED", "1", "UNUSED", "2", "NO_PROXY", "x", "GLOBAL", "3"));
        global.declareGlobal("GLOBAL", null);
        global.forStage().declare("USED", null);
        assertThat(global.unconsumed()).containsExactly("UNUSED");
    }
}
