package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import org.junit.jupiter.api.Test;

class ContainerNamesTest {
    @Test
    void validate_acceptsDockerNamesAndStripsSlash() {
        assertThat(ContainerNames.validate("/web-1.a_b")).isEqualTo("web-1.a_b");
    }

    @Test
    void validate_rejectsOneCharacterAndBadCharacters() {
        assertThatThrownBy(() -> ContainerNames.validate("x")).isInstanceOf(BerthException.class)
                .hasMessage("Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        assertThatThrownBy(() -> ContainerNames.validate("-ab")).isInstanceOf(BerthException.class);
        assertThatThrownBy(() -> ContainerNames.validate("a b")).isInstanceOf(BerthException.class);
    }

    @Test
    void generate_makesValidNames() {
        for (int i = 0; i < 50; i++) {
            String n = ContainerNames.generate(i % 5);
            assertThat(ContainerNames.validate(n)).isEqualTo(n).contains("_");
        }
    }
}
