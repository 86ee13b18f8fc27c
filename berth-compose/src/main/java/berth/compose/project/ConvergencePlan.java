package berth.compose.project;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What {@code up} does with one service's containers, decided from what exists and what the file
 * says (pure, so it is unit-tested): keep a container whose config hash and image are current,
 * recreate one whose are not (or all with {@code --force-recreate}, none with {@code
 * --no-recreate}), create the missing numbers up to the scale, and remove the highest numbers above it.
 */
public final class ConvergencePlan {
    /** How recreation is decided. */
    public enum RecreatePolicy { DIVERGED, FORCE, NEVER }

    /** One step for one container number. */
    public sealed interface Action {
        int number();
    }

    /** The container is current: start it if it is not running. */
    public record Keep(ProjectContainer container) implements Action {
        @Override
        public int number() {
            return container.number();
        }
    }

    /** The container is out of date: replace it, keeping its number. */
    public record Recreate(ProjectContainer container) implements Action {
        @Override
        public int number() {
            return container.number();
        }
    }

    /** No container has this number yet. */
    public record Create(int number) implements Action {}

    /** The container is above the scale (or a duplicate number): stop and remove it. */
    public record Remove(ProjectContainer container) implements Action {
        @Override
        public int number() {
            return container.number();
        }
    }

    /**
     * @param wantedHash the service's config hash now
     * @param wantedImageId the ID of the image the service uses now (null when not known: not compared)
     * @param scale how many containers the service should have
     * @param existing the service's (non one-off) containers
     */
    public static List<Action> plan(String wantedHash, String wantedImageId, int scale, RecreatePolicy policy,
            List<ProjectContainer> existing) {
        Objects.requireNonNull(wantedHash, "wantedHash");
        List<ProjectContainer> sorted = new ArrayList<>(existing);
        sorted.sort(Comparator.comparingInt(ProjectContainer::number).thenComparing(ProjectContainer::name));
        List<Action> actions = new ArrayList<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        int kept = 0;
        for (ProjectContainer c : sorted) {
            if (kept >= scale || c.number() <= 0 || !taken.add(c.number())) {
                actions.add(new Remove(c));
                continue;
            }
            kept++;
            boolean diverged = !wantedHash.equals(c.configHash())
                    || (wantedImageId != null && !c.imageId().isEmpty() && !wantedImageId.equals(c.imageId()));
            boolean recreate = switch (policy) {
                case FORCE -> true;
                case NEVER -> false;
                case DIVERGED -> diverged;
            };
            actions.add(recreate ? new Recreate(c) : new Keep(c));
        }
        for (int n = 1; kept < scale; n++) {
            if (taken.add(n)) {
                actions.add(new Create(n));
                kept++;
            }
        }
        return actions;
    }
}
