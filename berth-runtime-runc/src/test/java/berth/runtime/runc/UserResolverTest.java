package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import org.junit.jupiter.api.Test;

class UserResolverTest {
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            app:x:1000:1001::/home/app:/bin/sh
            """;
    private static final String GROUP = """
            root:x:0:
            wheel:x:10:root,app
            appgroup:x:1001:
            docker:x:999:app
            """;

    /** Docker's containers count the primary group as a supplementary one too (Groups: in /proc/self/status). */
    @Test
    void groupAddComesAfterThePrimaryGroupAndMemberships() {
        assertThat(UserResolver.resolve("nobody", java.util.List.of("docker", "4242", "nobody"), PASSWD + "nobody:x:65534:65534::/:/bin/false\n",
                GROUP + "nobody:x:65534:\n")).isEqualTo(new ResolvedUser(65534, 65534, java.util.List.of(65534, 999, 4242)));
    }

    @Test
    void emptyUserIsRootWithRootsSupplementaryGroups() {
        assertThat(UserResolver.resolve("", PASSWD, GROUP)).isEqualTo(new ResolvedUser(0, 0, java.util.List.of(0, 10)));
    }

    @Test
    void nameResolvesUidGidAndMemberships() {
        assertThat(UserResolver.resolve("app", PASSWD, GROUP)).isEqualTo(new ResolvedUser(1000, 1001, java.util.List.of(1001, 10, 999)));
    }

    @Test
    void numericUserFindsItsEntryOrStandsAlone() {
        assertThat(UserResolver.resolve("1000", PASSWD, GROUP).gid()).isEqualTo(1001);
        assertThat(UserResolver.resolve("4242", PASSWD, GROUP)).isEqualTo(new ResolvedUser(4242, 0, java.util.List.of(0)));
    }

    @Test
    void explicitGroupByNameOrNumberReplacesPrimaryAndDropsMemberships() {
        assertThat(UserResolver.resolve("app:docker", PASSWD, GROUP)).isEqualTo(new ResolvedUser(1000, 999, java.util.List.of(999)));
        assertThat(UserResolver.resolve("1000:77", PASSWD, GROUP)).isEqualTo(new ResolvedUser(1000, 77, java.util.List.of(77)));
    }

    @Test
    void unknownNameIsAnInvalidArgumentWithRuncsWording() {
        assertThatThrownBy(() -> UserResolver.resolve("ghost", PASSWD, GROUP))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("unable to find user ghost: no matching entries in passwd file");
        assertThatThrownBy(() -> UserResolver.resolve("app:nogroup", PASSWD, GROUP))
                .hasMessage("unable to find group nogroup: no matching entries in group file");
    }

    @Test
    void missingPasswdFileStillAllowsNumericUsers() {
        assertThat(UserResolver.resolve("5:6", null, null)).isEqualTo(new ResolvedUser(5, 6, java.util.List.of(6)));
        assertThatThrownBy(() -> UserResolver.resolve("app", null, null)).isInstanceOf(BerthException.class);
    }
}
