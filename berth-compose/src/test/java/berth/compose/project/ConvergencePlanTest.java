package berth.compose.project;

import static org.assertj.core.api.Assertions.assertThat;

import berth.compose.project.ConvergencePlan.Create;
import berth.compose.project.ConvergencePlan.Keep;
import berth.compose.project.ConvergencePlan.Recreate;
import berth.compose.project.ConvergencePlan.RecreatePolicy;
import berth.compose.project.ConvergencePlan.Remove;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergencePlanTest {
    private static ProjectContainer container(int number, String hash, String imageId) {
        return new ProjectContainer("id" + number, "p-web-" + number, "web", number, false, hash, "busybox", imageId,
                "running", "Up", Map.of(), null);
    }

    @Test
    void nothingExists_createsNumbersOneToScale() {
        assertThat(ConvergencePlan.plan("h", "img", 3, RecreatePolicy.DIVERGED, List.of()))
                .containsExactly(new Create(1), new Create(2), new Create(3));
    }

    @Test
    void currentContainers_areKept() {
        ProjectContainer c = container(1, "h", "img");
        assertThat(ConvergencePlan.plan("h", "img", 1, RecreatePolicy.DIVERGED, List.of(c))).containsExactly(new Keep(c));
    }

    @Test
    void changedHashOrImage_recreates_keepingTheNumber() {
        ProjectContainer oldHash = container(1, "old", "img");
        ProjectContainer oldImage = container(2, "h", "other");
        assertThat(ConvergencePlan.plan("h", "img", 2, RecreatePolicy.DIVERGED, List.of(oldImage, oldHash)))
                .containsExactly(new Recreate(oldHash), new Recreate(oldImage));
    }

    @Test
    void forceRecreatesCurrentOnes_noRecreateKeepsChangedOnes() {
        ProjectContainer current = container(1, "h", "img");
        ProjectContainer changed = container(1, "old", "img");
        assertThat(ConvergencePlan.plan("h", "img", 1, RecreatePolicy.FORCE, List.of(current))).containsExactly(new Recreate(current));
        assertThat(ConvergencePlan.plan("h", "img", 1, RecreatePolicy.NEVER, List.of(changed))).containsExactly(new Keep(changed));
    }

    @Test
    void scaleDown_removesTheHighestNumbers() {
        ProjectContainer one = container(1, "h", "img");
        ProjectContainer two = container(2, "h", "img");
        ProjectContainer three = container(3, "h", "img");
        assertThat(ConvergencePlan.plan("h", "img", 1, RecreatePolicy.DIVERGED, List.of(three, one, two)))
                .containsExactly(new Keep(one), new Remove(two), new Remove(three));
    }

    @Test
    void scaleUp_fillsTheGaps() {
        ProjectContainer two = container(2, "h", "img");
        assertThat(ConvergencePlan.plan("h", "img", 3, RecreatePolicy.DIVERGED, List.of(two)))
                .containsExactly(new Keep(two), new Create(1), new Create(3));
    }

    @Test
    void unknownImageId_isNotACauseForRecreation() {
        ProjectContainer c = container(1, "h", "img");
        assertThat(ConvergencePlan.plan("h", null, 1, RecreatePolicy.DIVERGED, List.of(c))).containsExactly(new Keep(c));
    }
}
