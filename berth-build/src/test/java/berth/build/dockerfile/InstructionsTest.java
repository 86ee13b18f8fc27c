package berth.build.dockerfile;

import static berth.build.dockerfile.DockerfileParserTest.assertParseError;
import static berth.build.dockerfile.DockerfileParserTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Each instruction's arguments, flags, forms and errors. */
class InstructionsTest {
    private static final Expander NO_ENV = Substitution.standard().expander(Map.of());

    // FROM

    @Test
    void from_imageOnly() {
        FromInstruction from = (FromInstruction) only("FROM alpine:3.19");
        assertThat(from.image()).isEqualTo("alpine:3.19");
        assertThat(from.stageName()).isEmpty();
        assertThat(from.platform()).isEmpty();
    }

    @Test
    void from_stageNameIsLowerCasedAndAsIsCaseInsensitive() {
        FromInstruction from = (FromInstruction) only("FROM --platform=linux/amd64 golang:1.22 as Build-Env_1.x");
        assertThat(from.stageName()).contains("build-env_1.x");
        assertThat(from.platform()).contains("linux/amd64");
    }

    @Test
    void from_wrongArgumentCount() {
        assertParseError("FROM\n", 1, "FROM requires either one or three arguments");
        assertParseError("FROM a b\n", 1, "FROM requires either one or three arguments");
        assertParseError("FROM a NOT b\n", 1, "FROM requires either one or three arguments");
        assertParseError("FROM a AS b c\n", 1, "FROM requires either one or three arguments");
    }

    @Test
    void from_invalidStageName() {
        assertParseError("FROM a AS 1st\n", 1, "invalid name for build stage: \"1st\", name can't start with a number or contain symbols");
        assertParseError("FROM a AS x$y\n", 1, "invalid name for build stage: \"x$y\", name can't start with a number or contain symbols");
    }

    @Test
    void from_unknownFlag() {
        assertParseError("FROM --plat=x a\n", 1, "Unknown flag: plat");
        assertParseError("FROM --platform a\n", 1, "Missing a value on flag: platform");
    }

    @Test
    void from_expandsImageAndPlatform() {
        FromInstruction from = ((FromInstruction) only("FROM --platform=$P alpine:${V:-3}")).expand(
                Substitution.standard().expander(Map.of("P", "linux/arm64")));
        assertThat(from.image()).isEqualTo("alpine:3");
        assertThat(from.platform()).contains("linux/arm64");
    }

    @Test
    void from_expandingToNothingIsAnError() {
        FromInstruction from = (FromInstruction) only("FROM $NOTHING");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> from.expand(NO_ENV))
                .hasMessage("Dockerfile parse error line 1: base name ($NOTHING) should not be blank");
    }

    // RUN, CMD, ENTRYPOINT and JSON form

    @Test
    void run_shellForm() {
        RunInstruction run = (RunInstruction) only("RUN echo \"$HOME\" && ls");
        assertThat(run.command()).isEqualTo(new CommandLine.Shell("echo \"$HOME\" && ls"));
        assertThat(run.network()).isEqualTo(RunNetwork.DEFAULT);
        assertThat(run.shellText()).isEqualTo("echo \"$HOME\" && ls");
    }

    @Test
    void run_execForm() {
        RunInstruction run = (RunInstruction) only("RUN [\"/bin/echo\", \"a b\", \"$HOME\"]");
        assertThat(run.command()).isEqualTo(new CommandLine.Exec(List.of("/bin/echo", "a b", "$HOME")));
    }

    @Test
    void run_networkFlag() {
        assertThat(((RunInstruction) only("RUN --network=none [\"true\"]")).network()).isEqualTo(RunNetwork.NONE);
        assertThat(((RunInstruction) only("RUN --network=host true")).network()).isEqualTo(RunNetwork.HOST);
        assertParseError("RUN --network=bridge true\n", 1,
                "network mode \"bridge\" not supported for RUN --network (use default, none or host)");
    }

    @Test
    void run_buildkitOnlyFlagsAreRefusedClearly() {
        assertParseError("RUN --mount=type=cache,target=/root/.cache pip install x\n", 1,
                "RUN --mount is not supported: it needs BuildKit, and berth builds as Docker's classic builder does");
        assertParseError("RUN --security=insecure x\n", 1,
                "RUN --security is not supported: it needs BuildKit, and berth builds as Docker's classic builder does");
        assertParseError("RUN --frobnicate x\n", 1, "Unknown flag: frobnicate");
        assertParseError("RUN --network=none --network=host x\n", 1, "Duplicate flag specified: network");
    }

    @Test
    void run_doubleDashEndsFlags() {
        assertThat(((RunInstruction) only("RUN -- --version")).command()).isEqualTo(new CommandLine.Shell("--version"));
    }

    @Test
    void run_withoutCommandIsAnError() {
        assertParseError("RUN\n", 1, "RUN requires at least one argument");
        assertParseError("CMD   \n", 1, "CMD requires at least one argument");
    }

    @Test
    void json_malformedArraysAreShellForm() {
        assertThat(((CmdInstruction) only("CMD [ \"a\", 'b' ]")).command()).isEqualTo(new CommandLine.Shell("[ \"a\", 'b' ]"));
        assertThat(((CmdInstruction) only("CMD [\"a\" \"b\"]")).command()).isEqualTo(new CommandLine.Shell("[\"a\" \"b\"]"));
        assertThat(((CmdInstruction) only("CMD [\"a\",]")).command()).isEqualTo(new CommandLine.Shell("[\"a\",]"));
        assertThat(((CmdInstruction) only("CMD [\"a\"] extra")).command()).isEqualTo(new CommandLine.Shell("[\"a\"] extra"));
        assertThat(((CmdInstruction) only("CMD [unquoted]")).command()).isEqualTo(new CommandLine.Shell("[unquoted]"));
        assertThat(((CmdInstruction) only("CMD [\"unterminated\"")).command()).isInstanceOf(CommandLine.Shell.class);
    }

    @Test
    void json_arrayOfNonStringsIsAnError() {
        assertParseError("CMD [\"a\", 1]\n", 1, "when using JSON array syntax, arrays must be comprised of strings only");
        assertParseError("ENTRYPOINT [null]\n", 1, "when using JSON array syntax, arrays must be comprised of strings only");
        assertParseError("RUN [[\"a\"]]\n", 1, "when using JSON array syntax, arrays must be comprised of strings only");
    }

    @Test
    void json_edgeCases() {
        assertThat(((CmdInstruction) only("CMD []")).command()).isEqualTo(new CommandLine.Exec(List.of()));
        assertThat(((EntrypointInstruction) only("ENTRYPOINT [ \"a\" ,\"\\u00e9\\n\" ]")).command())
                .isEqualTo(new CommandLine.Exec(List.of("a", "é\n")));
        assertThat(((CmdInstruction) only("CMD [\"c:\\\\dir\"]")).command()).isEqualTo(new CommandLine.Exec(List.of("c:\\dir")));
    }

    @Test
    void json_continuedOverLines() {
        assertThat(((CmdInstruction) only("CMD [\"a\", \\", "     \"b\"]")).command()).isEqualTo(new CommandLine.Exec(List.of("a", "b")));
    }

    @Test
    void entrypoint_shellForm() {
        assertThat(((EntrypointInstruction) only("ENTRYPOINT exec top -b")).command()).isEqualTo(new CommandLine.Shell("exec top -b"));
    }

    // LABEL and ENV

    @Test
    void label_pairsKeepQuotesUntilExpanded() {
        LabelInstruction label = (LabelInstruction) only("LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0 description=\"a \\\"b\\\"\"");
        assertThat(label.pairs()).containsExactly(
                new KeyValue("\"com.example.vendor\"", "\"ACME Inc\""),
                new KeyValue("version", "1.0"),
                new KeyValue("description", "\"a \\\"b\\\"\""));
        assertThat(label.expand(NO_ENV).pairs()).containsExactly(
                new KeyValue("com.example.vendor", "ACME Inc"),
                new KeyValue("version", "1.0"),
                new KeyValue("description", "a \"b\""));
    }

    @Test
    void label_continuedOverLines() {
        LabelInstruction label = (LabelInstruction) only("LABEL a=1 \\", "      b=2");
        assertThat(label.pairs()).containsExactly(new KeyValue("a", "1"), new KeyValue("b", "2"));
    }

    @Test
    void label_oldFormAndErrors() {
        assertThat(((LabelInstruction) only("LABEL key the value")).pairs()).containsExactly(new KeyValue("key", "the value"));
        assertParseError("LABEL\n", 1, "LABEL requires at least one argument");
        assertParseError("LABEL a\n", 1, "LABEL must have two arguments");
        assertParseError("LABEL a=1 b\n", 1, "Syntax error - can't find = in \"b\". Must be of the form: name=value");
        assertParseError("LABEL =x\n", 1, "LABEL names can not be blank");
    }

    @Test
    void env_bothForms() {
        assertThat(((EnvInstruction) only("ENV PATH /usr/local/bin:$PATH")).pairs())
                .containsExactly(new KeyValue("PATH", "/usr/local/bin:$PATH"));
        assertThat(((EnvInstruction) only("ENV MY_NAME=\"John Doe\" MY_DOG=Rex\\ The\\ Dog MY_CAT=fluffy")).pairs())
                .containsExactly(new KeyValue("MY_NAME", "\"John Doe\""), new KeyValue("MY_DOG", "Rex\\ The\\ Dog"),
                        new KeyValue("MY_CAT", "fluffy"));
        assertThat(((EnvInstruction) only("ENV A=")).pairs()).containsExactly(new KeyValue("A", ""));
    }

    @Test
    void env_expandsWithTheEnvironmentBeforeTheInstruction() {
        EnvInstruction env = (EnvInstruction) only("ENV abc=bye def=$abc MY_DOG=Rex\\ The\\ Dog Q='$x'");
        assertThat(env.expand(Substitution.standard().expander(Map.of("abc", "hello"))).pairs()).containsExactly(
                new KeyValue("abc", "bye"), new KeyValue("def", "hello"), new KeyValue("MY_DOG", "Rex The Dog"),
                new KeyValue("Q", "$x"));
    }

    @Test
    void env_errors() {
        assertParseError("ENV\n", 1, "ENV requires at least one argument");
        assertParseError("ENV A\n", 1, "ENV must have two arguments");
        assertParseError("ENV =1\n", 1, "ENV names can not be blank");
        assertParseError("ENV a=1 =2\n", 1, "ENV names can not be blank");
        assertParseError("ENV --x=1 a=b\n", 1, "Unknown flag: x");
    }

    @Test
    void env_badSubstitutionNamesTheLine() {
        EnvInstruction env = (EnvInstruction) DockerfileParserTest.parse("FROM a", "ENV A=${B#x}").instructions().get(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> env.expand(NO_ENV))
                .hasMessageStartingWith("Dockerfile parse error line 2: unsupported modifier (#)");
    }

    // EXPOSE

    @Test
    void expose_wordsSplitAfterSubstitutionAndAreValidated() {
        ExposeInstruction expose = (ExposeInstruction) only("EXPOSE 80 $PORTS 7000-7010/UDP");
        assertThat(expose.ports()).containsExactly("80", "$PORTS", "7000-7010/UDP");
        assertThat(expose.expand(Substitution.standard().expander(Map.of("PORTS", "443/tcp 53/udp"))).ports())
                .containsExactly("80/tcp", "443/tcp", "53/udp", "7000-7010/udp");
    }

    @Test
    void expose_errors() {
        assertParseError("EXPOSE\n", 1, "EXPOSE requires at least one argument");
        ExposeInstruction bad = (ExposeInstruction) only("EXPOSE http");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bad.expand(NO_ENV))
                .hasMessage("Dockerfile parse error line 1: Invalid containerPort: http");
        ExposeInstruction proto = (ExposeInstruction) only("EXPOSE 80/quic");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> proto.expand(NO_ENV))
                .hasMessage("Dockerfile parse error line 1: Invalid proto: quic");
        ExposeInstruction range = (ExposeInstruction) only("EXPOSE 90-80");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> range.expand(NO_ENV))
                .hasMessage("Dockerfile parse error line 1: Invalid range specified for the Port: 90-80");
    }

    // ADD and COPY

    @Test
    void copy_sourcesDestinationAndFlags() {
        CopyInstruction copy = (CopyInstruction) only("COPY --from=build --chown=app:app --chmod=0755 --link a b/ /dest/");
        assertThat(copy.sources()).containsExactly("a", "b/");
        assertThat(copy.destination()).isEqualTo("/dest/");
        assertThat(copy.from()).contains("build");
        assertThat(copy.chown()).contains("app:app");
        assertThat(copy.chmod()).contains("0755");
        assertThat(copy.link()).isTrue();
    }

    @Test
    void copy_jsonFormAllowsSpaces() {
        CopyInstruction copy = (CopyInstruction) only("COPY [\"my file\", \"other\", \"/the dest/\"]");
        assertThat(copy.sources()).containsExactly("my file", "other");
        assertThat(copy.destination()).isEqualTo("/the dest/");
        assertThat(copy.link()).isFalse();
        assertThat(copy.from()).isEmpty();
    }

    @Test
    void copy_plainFormSplitsAtWhitespaceOnly() {
        // as Docker: quotes are not grouping in the plain form; substitution removes them afterwards
        CopyInstruction copy = (CopyInstruction) only("COPY \"a\" /d");
        assertThat(copy.sources()).containsExactly("\"a\"");
        assertThat(copy.expand(NO_ENV).sources()).containsExactly("a");
    }

    @Test
    void copy_expandsPathsAndChownButNotFrom() {
        CopyInstruction copy = ((CopyInstruction) only("COPY --from=$S --chown=$U ${SRC}/*.txt $DEST"))
                .expand(Substitution.standard().expander(Map.of("U", "1000", "SRC", "docs", "DEST", "/srv", "S", "x")));
        assertThat(copy.sources()).containsExactly("docs/*.txt");
        assertThat(copy.destination()).isEqualTo("/srv");
        assertThat(copy.chown()).contains("1000");
        assertThat(copy.from()).contains("$S");
    }

    @Test
    void copy_heredocContentExpandsUnlessQuoted() {
        Expander env = Substitution.standard().expander(Map.of("WHO", "world"));
        CopyInstruction open = ((CopyInstruction) only("COPY <<EOF /x", "hello \"$WHO\"", "EOF")).expand(env);
        assertThat(open.heredocs().getFirst().content()).isEqualTo("hello \"world\"\n");
        CopyInstruction quoted = ((CopyInstruction) only("COPY <<'EOF' /x", "hello $WHO", "EOF")).expand(env);
        assertThat(quoted.heredocs().getFirst().content()).isEqualTo("hello $WHO\n");
    }

    @Test
    void copy_errors() {
        String message = "COPY requires at least two arguments, but only one was provided. Destination could not be determined.";
        assertParseError("COPY a\n", 1, message);
        assertParseError("COPY\n", 1, message);
        assertParseError("COPY [\"a\"]\n", 1, message);
        assertParseError("COPY --from= a b\n", 1, "COPY --from needs a stage name, a stage index or an image");
        assertParseError("COPY --chown a b\n", 1, "Missing a value on flag: chown");
        assertParseError("COPY --link=maybe a b\n", 1, "expecting boolean value for flag link, not: maybe");
        assertParseError("COPY --parents a b\n", 1, "COPY --exclude and --parents are not supported: they need BuildKit's labs syntax");
        assertParseError("COPY [\"a\", 2]\n", 1, "when using JSON array syntax, arrays must be comprised of strings only");
    }

    @Test
    void add_sourcesAndFlags() {
        AddInstruction add = (AddInstruction) only("ADD --chown=1:2 --chmod=644 --link=false app.tar.gz https://example.com/x /opt/");
        assertThat(add.sources()).containsExactly("app.tar.gz", "https://example.com/x");
        assertThat(add.destination()).isEqualTo("/opt/");
        assertThat(add.chown()).contains("1:2");
        assertThat(add.chmod()).contains("644");
        assertThat(add.link()).isFalse();
        assertParseError("ADD --from=x a b\n", 1, "Unknown flag: from");
        assertParseError("ADD --checksum=sha256:abc https://x /y\n", 1,
                "ADD --checksum and --keep-git-dir are not supported: berth's builder does not fetch remote sources");
        assertParseError("ADD a\n", 1, "ADD requires at least two arguments, but only one was provided. Destination could not be determined.");
    }

    // VOLUME, USER, WORKDIR, STOPSIGNAL, MAINTAINER

    @Test
    void volume_jsonOrWords() {
        assertThat(((VolumeInstruction) only("VOLUME [\"/data\", \"/var/log\"]")).paths()).containsExactly("/data", "/var/log");
        assertThat(((VolumeInstruction) only("VOLUME /data /var/log")).paths()).containsExactly("/data", "/var/log");
        assertParseError("VOLUME\n", 1, "VOLUME requires at least one argument");
        assertParseError("VOLUME [\"/a\", 1]\n", 1, "when using JSON array syntax, arrays must be comprised of strings only");
        VolumeInstruction empty = (VolumeInstruction) only("VOLUME [\"\"]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> empty.expand(NO_ENV))
                .hasMessage("Dockerfile parse error line 1: VOLUME specified can not be an empty string");
    }

    @Test
    void singleValueInstructions_takeTheRestOfTheLine() {
        assertThat(((UserInstruction) only("USER app:staff")).user()).isEqualTo("app:staff");
        assertThat(((WorkdirInstruction) only("WORKDIR /path with space")).path()).isEqualTo("/path with space");
        assertThat(((StopSignalInstruction) only("STOPSIGNAL SIGKILL")).signal()).isEqualTo("SIGKILL");
        assertThat(((MaintainerInstruction) only("MAINTAINER Jane <jane@example.com>")).name()).isEqualTo("Jane <jane@example.com>");
        assertThat(((WorkdirInstruction) only("WORKDIR $HOME/app")).expand(Substitution.standard().expander(Map.of("HOME", "/root"))).path())
                .isEqualTo("/root/app");
    }

    @Test
    void singleValueInstructions_needAValue() {
        assertParseError("USER\n", 1, "USER requires exactly one argument");
        assertParseError("WORKDIR\n", 1, "WORKDIR requires exactly one argument");
        assertParseError("STOPSIGNAL\n", 1, "STOPSIGNAL requires exactly one argument");
        assertParseError("MAINTAINER\n", 1, "MAINTAINER requires exactly one argument");
    }

    // ARG

    @Test
    void arg_namesWithAndWithoutDefaults() {
        ArgInstruction arg = (ArgInstruction) only("ARG VERSION=1.2 USER \"GREETING=hi there\" EMPTY=");
        assertThat(arg.args()).containsExactly(
                new ArgDeclaration("VERSION", Optional.of("1.2")),
                new ArgDeclaration("USER", Optional.empty()),
                new ArgDeclaration("\"GREETING", Optional.of("hi there\"")),
                new ArgDeclaration("EMPTY", Optional.of("")));
        ArgInstruction quoted = (ArgInstruction) only("ARG GREETING=\"hi there\"");
        assertThat(quoted.expand(NO_ENV).args()).containsExactly(new ArgDeclaration("GREETING", Optional.of("hi there")));
    }

    @Test
    void arg_errors() {
        assertParseError("ARG\n", 1, "ARG requires at least one argument");
        assertParseError("ARG =x\n", 1, "ARG names can not be blank");
    }

    // ONBUILD

    @Test
    void onbuild_wrapsAParsedTrigger() {
        OnbuildInstruction onbuild = (OnbuildInstruction) only("ONBUILD copy --from=x . /app/src");
        assertThat(onbuild.expression()).isEqualTo("copy --from=x . /app/src");
        assertThat(onbuild.trigger()).isInstanceOf(CopyInstruction.class);
        assertThat(((CopyInstruction) onbuild.trigger()).from()).contains("x");
        assertThat(onbuild.trigger().location().text()).isEqualTo("copy --from=x . /app/src");
    }

    @Test
    void onbuild_refusesWhatDockerRefuses() {
        assertParseError("ONBUILD\n", 1, "ONBUILD requires at least one argument");
        assertParseError("ONBUILD ONBUILD RUN x\n", 1, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        assertParseError("ONBUILD from alpine\n", 1, "FROM isn't allowed as an ONBUILD trigger");
        assertParseError("ONBUILD MAINTAINER me\n", 1, "MAINTAINER isn't allowed as an ONBUILD trigger");
        assertParseError("ONBUILD BOGUS x\n", 1, "unknown instruction: BOGUS");
        assertParseError("ONBUILD COPY a\n", 1,
                "COPY requires at least two arguments, but only one was provided. Destination could not be determined.");
    }

    // HEALTHCHECK

    @Test
    void healthcheck_shellFormWithAllFlags() {
        HealthcheckInstruction hc = (HealthcheckInstruction) only(
                "HEALTHCHECK --interval=5m --timeout=3s --start-period=1m30s --start-interval=2s --retries=4 \\",
                "  CMD curl -f http://localhost/ || exit 1");
        assertThat(hc.test()).containsExactly("CMD-SHELL", "curl -f http://localhost/ || exit 1");
        assertThat(hc.interval()).contains(Duration.ofMinutes(5));
        assertThat(hc.timeout()).contains(Duration.ofSeconds(3));
        assertThat(hc.startPeriod()).contains(Duration.ofSeconds(90));
        assertThat(hc.startInterval()).contains(Duration.ofSeconds(2));
        assertThat(hc.retries()).isEqualTo(OptionalInt.of(4));
        assertThat(hc.disabled()).isFalse();
    }

    @Test
    void healthcheck_execFormAndDefaults() {
        HealthcheckInstruction hc = (HealthcheckInstruction) only("HEALTHCHECK cmd [\"/bin/check\", \"-q\"]");
        assertThat(hc.test()).containsExactly("CMD", "/bin/check", "-q");
        assertThat(hc.interval()).isEmpty();
        assertThat(hc.retries()).isEmpty();
    }

    @Test
    void healthcheck_none() {
        HealthcheckInstruction hc = (HealthcheckInstruction) only("HEALTHCHECK none");
        assertThat(hc.test()).containsExactly("NONE");
        assertThat(hc.disabled()).isTrue();
    }

    @Test
    void healthcheck_errors() {
        assertParseError("HEALTHCHECK\n", 1, "HEALTHCHECK requires at least one argument");
        assertParseError("HEALTHCHECK NONE x\n", 1, "HEALTHCHECK NONE takes no arguments");
        assertParseError("HEALTHCHECK CMD\n", 1, "Missing command after HEALTHCHECK CMD");
        assertParseError("HEALTHCHECK RUN x\n", 1, "Unknown type \"RUN\" in HEALTHCHECK (try CMD)");
        assertParseError("HEALTHCHECK --interval=5 CMD x\n", 1, "time: missing unit in duration \"5\"");
        assertParseError("HEALTHCHECK --timeout=10us CMD x\n", 1, "Interval \"timeout\" cannot be less than 1ms");
        assertParseError("HEALTHCHECK --retries=-1 CMD x\n", 1, "--retries cannot be negative (-1)");
        assertParseError("HEALTHCHECK --retries=two CMD x\n", 1, "strconv.ParseInt: parsing \"two\": invalid syntax");
        assertParseError("HEALTHCHECK --bogus=1 CMD x\n", 1, "Unknown flag: bogus");
    }

    // SHELL

    @Test
    void shell_jsonOnly() {
        assertThat(((ShellInstruction) only("SHELL [\"powershell\", \"-command\"]")).shell()).containsExactly("powershell", "-command");
        assertParseError("SHELL /bin/bash -c\n", 1, "SHELL requires the arguments to be in JSON form");
        assertParseError("SHELL\n", 1, "SHELL requires at least one argument");
        assertParseError("SHELL []\n", 1, "SHELL requires at least one argument");
    }

    @Test
    void nonExpandingInstructions_areNotExpandable() {
        assertThat(only("RUN echo $X")).isNotInstanceOf(Expandable.class);
        assertThat(only("CMD echo $X")).isNotInstanceOf(Expandable.class);
        assertThat(only("SHELL [\"sh\"]")).isNotInstanceOf(Expandable.class);
        assertThat(only("ONBUILD RUN x")).isNotInstanceOf(Expandable.class);
        assertThat(only("USER $X")).isInstanceOf(Expandable.class);
    }

    @Test
    void from_emptyPlatformMeansDefault() {
        assertThat(((FromInstruction) only("FROM --platform= alpine")).platform()).isEmpty();
    }

    @Test
    void from_stageNamesMayHoldDotsDashesAndUnderscores() {
        assertThat(((FromInstruction) only("FROM a AS x.y-z_1")).stageName()).contains("x.y-z_1");
        assertParseError("FROM a AS -x\n", 1, "invalid name for build stage: \"-x\", name can't start with a number or contain symbols");
    }

    @Test
    void flags_mayQuoteTheirValues() {
        CopyInstruction copy = (CopyInstruction) only("COPY --chown=\"app user\" a b");
        assertThat(copy.chown()).contains("app user");
        assertThat(copy.sources()).containsExactly("a");
    }

    @Test
    void add_heredocBecomesAnInlineFile() {
        AddInstruction add = (AddInstruction) only("ADD <<EOF /x", "$A", "EOF");
        assertThat(add.sources()).isEmpty();
        assertThat(add.expand(Substitution.standard().expander(Map.of("A", "1"))).heredocs().getFirst().content()).isEqualTo("1\n");
    }

    @Test
    void env_backtickEscapeKeepsEscapedSpacesInOneWord() {
        Dockerfile df = DockerfileParser.parse("# escape=`\nENV A=x` y B=c:\\dir\n");
        EnvInstruction env = (EnvInstruction) df.instructions().getFirst();
        assertThat(env.pairs()).containsExactly(new KeyValue("A", "x` y"), new KeyValue("B", "c:\\dir"));
        assertThat(env.expand(df.substitution().expander(Map.of())).pairs())
                .containsExactly(new KeyValue("A", "x y"), new KeyValue("B", "c:\\dir"));
    }
}
