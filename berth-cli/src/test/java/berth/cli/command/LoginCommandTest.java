package berth.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.cli.CliException;
import org.junit.jupiter.api.Test;

class LoginCommandTest {
    @Test
    void passwordFromStdin_losesOnlyOneTrailingNewline() {
        assertThat(LoginCommand.stripNewline("secret\n")).isEqualTo("secret");
        assertThat(LoginCommand.stripNewline("secret\r\n")).isEqualTo("secret");
        assertThat(LoginCommand.stripNewline("sec ret \n\n")).isEqualTo("sec ret \n");
        assertThat(LoginCommand.stripNewline("secret")).isEqualTo("secret");
        assertThatThrownBy(() -> LoginCommand.stripNewline("\n")).isInstanceOf(CliException.class)
                .hasMessageContaining("Password Required");
    }
}
