package berth.build.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChownTest {
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            bob:x:1234:1234::/home/bob:/bin/sh
            alice:x:1001:100::/home/alice:/bin/sh
            """;
    private static final String GROUP = """
            root:x:0:
            users:x:100:alice
            grp:x:777:bob
            """;
    private static final Function<String, Optional<String>> FILES =
            f -> Optional.ofNullable(Map.of("/etc/passwd", PASSWD, "/etc/group", GROUP).get(f));

    @Test
    void numbers_needNoLookup() {
        assertThat(Chown.parse("1000:2000").resolve(f -> {
            throw new AssertionError("looked up " + f);
        })).isEqualTo(new Owner(1000, 2000));
    }

    @Test
    void userAlone_namesTheGroupToo() {
        assertThat(Chown.parse("1234").resolve(FILES)).isEqualTo(new Owner(1234, 1234));
        // Docker looks the user's name up as a group name as well, not the user's primary group
        assertThatThrownBy(() -> Chown.parse("alice").resolve(FILES))
                .hasMessage("unable to convert uid/gid chown string to host mapping: can't find gid for group alice:"
                        + " no such group: alice");
    }

    @Test
    void names_areLookedUpInTheDestinationsFiles() {
        assertThat(Chown.parse("bob:grp").resolve(FILES)).isEqualTo(new Owner(1234, 777));
        assertThat(Chown.parse("alice:users").resolve(FILES)).isEqualTo(new Owner(1001, 100));
        assertThat(Chown.parse("bob:0").resolve(FILES)).isEqualTo(new Owner(1234, 0));
        assertThat(Chown.parse("0:grp").resolve(FILES)).isEqualTo(new Owner(0, 777));
    }

    @Test
    void unknownUser_failsWithDockersMessage() {
        assertThatThrownBy(() -> Chown.parse("zed").resolve(FILES))
                .isInstanceOf(BerthException.class)
                .hasMessage("unable to convert uid/gid chown string to host mapping: can't find uid for user zed:"
                        + " no such user: zed");
        assertThatThrownBy(() -> Chown.parse("bob:nogroup").resolve(FILES))
                .hasMessage("unable to convert uid/gid chown string to host mapping: can't find gid for group nogroup:"
                        + " no such group: nogroup");
    }

    @Test
    void emptyParts_areNamesThatDoNotExist() {
        assertThatThrownBy(() -> Chown.parse("1:").resolve(FILES))
                .hasMessage("unable to convert uid/gid chown string to host mapping: can't find gid for group :"
                        + " no such group: ");
        assertThatThrownBy(() -> Chown.parse(":5").resolve(FILES))
                .hasMessage("unable to convert uid/gid chown string to host mapping: can't find uid for user :"
                        + " no such user: ");
    }

    @Test
    void missingPasswdFile_isNamed() {
        assertThatThrownBy(() -> Chown.parse("bob").resolve(f -> Optional.empty()))
                .hasMessage("unable to convert uid/gid chown string to host mapping: can't find uid for user bob:"
                        + " open /etc/passwd: no such file or directory");
    }

    @Test
    void moreThanOneColon_isRefused() {
        assertThatThrownBy(() -> Chown.parse("1:2:3"))
                .hasMessage("unable to convert uid/gid chown string to host mapping: invalid chown string format: 1:2:3");
    }

    @Test
    void aNameMatchesWholeFields_notPrefixes() {
        assertThatThrownBy(() -> Chown.parse("bo").resolve(FILES)).hasMessageEndingWith("no such user: bo");
    }

    @Test
    void negativeOrHugeNumbers_areNames() {
        assertThatThrownBy(() -> Chown.parse("-1").resolve(FILES)).hasMessageEndingWith("no such user: -1");
        assertThatThrownBy(() -> Chown.parse("99999999999").resolve(FILES)).hasMessageEndingWith("no such user: 99999999999");
    }
}
