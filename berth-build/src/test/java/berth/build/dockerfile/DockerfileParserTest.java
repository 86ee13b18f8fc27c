package berth.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines, comments, directives, continuations and heredocs. */
class DockerfileParserTest {
    static Dockerfile parse(String... lines) {
        return DockerfileParser.parse(String.join("\n", lines) + "\n");
    }

    static Instruction only(String... lines) {
        List<Instruction> all = parse(lines).instructions();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    static String shell(Instruction run) {
        return ((CommandLine.Shell) ((RunInstruction) run).command()).command();
    }

    static void assertParseError(String text, int line, String what) {
        assertThatThrownBy(() -> DockerfileParser.parse(text))
                .isInstanceOf(BerthException.class)
                .hasMessage("Dockerfile parse error line " + line + ": " + what)
                .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void emptyFile_isRefusedWithItsName() {
        assertThatThrownBy(() -> DockerfileParser.parse("", "Dockerfile.dev"))
                .isInstanceOf(BerthException.class).hasMessage("the Dockerfile (Dockerfile.dev) cannot be empty");
    }

    @Test
    void fileOfCommentsAndBlanks_hasNoInstructions() {
        assertThatThrownBy(() -> DockerfileParser.parse("# only a comment\n\n   \n"))
                .isInstanceOf(BerthException.class).hasMessage("file with no instructions");
        assertThatThrownBy(() -> DockerfileParser.parse("\n"))
                .isInstanceOf(BerthException.class).hasMessage("file with no instructions");
    }

    @Test
    void instructions_carryTheirLineAndText() {
        Dockerfile df = parse("# comment", "", "FROM alpine", "  RUN   echo   hi  ");
        assertThat(df.instructions()).hasSize(2);
        assertThat(df.instructions().get(0).location()).isEqualTo(new SourceLocation(3, 3, "FROM alpine"));
        assertThat(df.instructions().get(1).location()).isEqualTo(new SourceLocation(4, 4, "RUN   echo   hi"));
        assertThat(shell(df.instructions().get(1))).isEqualTo("echo   hi");
    }

    @Test
    void instructionNames_areCaseInsensitive() {
        Dockerfile df = parse("from alpine", "Run echo", "wOrKdIr /x");
        assertThat(df.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "WORKDIR");
    }

    @Test
    void unknownInstruction_namesItInUpperCase() {
        assertParseError("FROM alpine\nfoo bar\n", 2, "unknown instruction: FOO");
    }

    @Test
    void hashInsideAnInstruction_isNotAComment() {
        assertThat(shell(only("RUN echo # not a comment"))).isEqualTo("echo # not a comment");
    }

    @Test
    void indentedComment_isAComment() {
        assertThat(parse("   # indented", "FROM a").instructions()).hasSize(1);
    }

    @Test
    void windowsLineEndingsAndByteOrderMark_areIgnored() {
        Dockerfile df = DockerfileParser.parse("\uFEFFFROM alpine\r\nRUN a \\\r\n  b\r\n");
        assertThat(df.instructions()).hasSize(2);
        assertThat(shell(df.instructions().get(1))).isEqualTo("a   b");
    }

    @Test
    void continuation_joinsLinesKeepingTheirWhitespace() {
        Instruction run = only("RUN apt-get update && \\", "    apt-get install -y curl");
        assertThat(shell(run)).isEqualTo("apt-get update &&     apt-get install -y curl");
        assertThat(run.location().startLine()).isEqualTo(1);
        assertThat(run.location().endLine()).isEqualTo(2);
    }

    @Test
    void continuation_allowsBlanksAfterTheEscape() {
        assertThat(shell(only("RUN a \\  \t", "b"))).isEqualTo("a b");
    }

    @Test
    void continuation_dropsCommentLines() {
        Instruction run = only("RUN a \\", "# a comment \\", "   # indented comment", "  b");
        assertThat(shell(run)).isEqualTo("a   b");
        assertThat(run.location().endLine()).isEqualTo(4);
    }

    @Test
    void continuation_dropsEmptyLinesWithANote() {
        Dockerfile df = parse("FROM a", "RUN a \\", "", "   ", "b", "USER x");
        assertThat(shell(df.instructions().get(1))).isEqualTo("a b");
        assertThat(df.instructions().get(2).location().startLine()).isEqualTo(6);
        assertThat(df.notes()).singleElement().asString().contains("Empty continuation line found in: RUN a b");
    }

    @Test
    void continuation_atTheEndOfTheFileEndsTheInstruction() {
        assertThat(shell(only("RUN echo hi \\"))).isEqualTo("echo hi");
    }

    @Test
    void doubledEscapeAtEndOfLine_stillContinues() {
        // as Docker: the last escape character continues; the one before it stays
        assertThat(shell(only("RUN echo \\\\", "x"))).isEqualTo("echo \\x");
    }

    @Test
    void escapeDirective_backtickMakesBackslashLiteral() {
        Dockerfile df = parse("# escape=`", "FROM mcr.microsoft.com/windows", "COPY testfile.txt c:\\", "RUN dir c:\\ `", "  /s");
        assertThat(df.escape()).isEqualTo('`');
        CopyInstruction copy = (CopyInstruction) df.instructions().get(1);
        assertThat(copy.destination()).isEqualTo("c:\\");
        assertThat(shell(df.instructions().get(2))).isEqualTo("dir c:\\   /s");
        assertThat(df.substitution().escape()).isEqualTo('`');
    }

    @Test
    void escapeDirective_acceptsBackslashAndWhitespaceVariants() {
        assertThat(parse("#escape=\\", "FROM a").escape()).isEqualTo('\\');
        assertThat(parse("#  EsCaPe =  `  ", "FROM a").escape()).isEqualTo('`');
    }

    @Test
    void escapeDirective_rejectsOtherCharacters() {
        assertParseError("# escape=x\nFROM a\n", 1, "invalid escape token 'x' does not match ` or \\");
    }

    @Test
    void directive_mayAppearOnlyOnce() {
        assertParseError("# escape=`\n# escape=\\\nFROM a\n", 2, "only one escape parser directive can be used");
    }

    @Test
    void directive_afterACommentBlankLineOrInstructionIsAComment() {
        assertThat(parse("# hello", "# escape=`", "FROM a", "RUN a \\", "b").escape()).isEqualTo('\\');
        assertThat(parse("", "# escape=`", "FROM a").escape()).isEqualTo('\\');
        assertThat(parse("FROM a", "# escape=`", "RUN a \\", "b").escape()).isEqualTo('\\');
    }

    @Test
    void unknownDirective_isACommentAndEndsTheDirectives() {
        Dockerfile df = parse("# unknowndirective=value", "# escape=`", "FROM a");
        assertThat(df.escape()).isEqualTo('\\');
    }

    @Test
    void syntaxDirective_isAcceptedAndReportedAsANote() {
        Dockerfile df = parse("# syntax=docker/dockerfile:1.4", "# escape=`", "FROM a");
        assertThat(df.syntax()).contains("docker/dockerfile:1.4");
        assertThat(df.escape()).isEqualTo('`');
        assertThat(df.notes()).singleElement().asString().contains("docker/dockerfile:1.4").contains("ignored");
    }

    @Test
    void heredoc_runScript() {
        Dockerfile df = parse("FROM a", "RUN <<EOF", "apt-get update", "  apt-get install -y vim", "EOF", "USER x");
        RunInstruction run = (RunInstruction) df.instructions().get(1);
        assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "apt-get update\n  apt-get install -y vim\n", true, false));
        assertThat(run.location().startLine()).isEqualTo(2);
        assertThat(run.location().endLine()).isEqualTo(5);
        assertThat(run.scriptHeredoc()).isPresent();
        assertThat(run.shellText()).isEqualTo("apt-get update\n  apt-get install -y vim\n");
        assertThat(df.instructions().get(2).location().startLine()).isEqualTo(6);
    }

    @Test
    void heredoc_asInputToACommandIsHandedToTheShellWhole() {
        RunInstruction run = (RunInstruction) only("RUN python3 <<EOF > /out", "print('hi')", "EOF");
        assertThat(run.scriptHeredoc()).isEmpty();
        assertThat(run.shellText()).isEqualTo("python3 <<EOF > /out\nprint('hi')\nEOF");
    }

    @Test
    void heredoc_dashStripsLeadingTabs() {
        RunInstruction run = (RunInstruction) only("RUN <<-EOT", "\techo a", "\t\t  echo b", "\tEOT");
        assertThat(run.heredocs().getFirst().content()).isEqualTo("echo a\n  echo b\n");
        assertThat(run.heredocs().getFirst().chomp()).isTrue();
    }

    @Test
    void heredoc_withoutDashKeepsTabsAndNeedsAnExactDelimiter() {
        RunInstruction run = (RunInstruction) only("RUN <<EOT", "\techo a", "\tEOT", "EOT ", "EOT");
        assertThat(run.heredocs().getFirst().content()).isEqualTo("\techo a\n\tEOT\nEOT \n");
    }

    @Test
    void heredoc_quotedDelimiterDisablesExpansion() {
        assertThat(((RunInstruction) only("RUN <<\"EOF\"", "echo $HOME", "EOF")).heredocs().getFirst())
                .isEqualTo(new Heredoc("EOF", "echo $HOME\n", false, false));
        assertThat(((RunInstruction) only("RUN <<'EOF'", "x", "EOF")).heredocs().getFirst().expand()).isFalse();
        assertThat(((RunInstruction) only("RUN <<-'EOF'", "x", "EOF")).heredocs().getFirst().chomp()).isTrue();
    }

    @Test
    void heredoc_severalOnOneLineAreReadInOrder() {
        RunInstruction run = (RunInstruction) only("RUN cat <<A <<B > /x", "first", "A", "second", "B");
        assertThat(run.heredocs()).extracting(Heredoc::name, Heredoc::content)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "first\n"), org.assertj.core.groups.Tuple.tuple("B", "second\n"));
        assertThat(run.shellText()).isEqualTo("cat <<A <<B > /x\nfirst\nA\nsecond\nB");
    }

    @Test
    void heredoc_keepsCommentsAndBlankLinesOfItsBody() {
        RunInstruction run = (RunInstruction) only("RUN <<EOF", "#!/bin/sh", "", "# comment", "echo \\", "EOF");
        assertThat(run.heredocs().getFirst().content()).isEqualTo("#!/bin/sh\n\n# comment\necho \\\n");
    }

    @Test
    void heredoc_copyBecomesAnInlineFile() {
        CopyInstruction copy = (CopyInstruction) only("COPY <<EOF /etc/motd", "hello $USER", "EOF");
        assertThat(copy.sources()).isEmpty();
        assertThat(copy.heredocs()).containsExactly(new Heredoc("EOF", "hello $USER\n", true, false));
        assertThat(copy.destination()).isEqualTo("/etc/motd");
    }

    @Test
    void heredoc_copyMixesFilesAndInlineFiles() {
        CopyInstruction copy = (CopyInstruction) only("COPY a.txt <<one.sh <<two.sh /dest/", "1", "one.sh", "2", "two.sh");
        assertThat(copy.sources()).containsExactly("a.txt");
        assertThat(copy.heredocs()).extracting(Heredoc::name).containsExactly("one.sh", "two.sh");
    }

    @Test
    void heredoc_unterminatedIsAnError() {
        assertParseError("FROM a\nRUN <<EOF\necho hi\n", 2, "unterminated heredoc EOF");
    }

    @Test
    void heredoc_onlyForRunCopyAndAdd() {
        Dockerfile df = parse("FROM a", "CMD cat <<EOF", "USER x");
        assertThat(df.instructions()).hasSize(3);
    }

    @Test
    void heredoc_notWhenQuotedOrGlued() {
        assertThat(((RunInstruction) only("RUN echo \"<<EOF\"")).heredocs()).isEmpty();
        assertThat(((RunInstruction) only("RUN echo a<<EOF")).heredocs()).isEmpty();
        assertThat(((RunInstruction) only("RUN echo << EOF")).heredocs()).isEmpty();
    }

    @Test
    void heredoc_withFileDescriptorPrefix() {
        RunInstruction run = (RunInstruction) only("RUN cat 3<<EOF", "x", "EOF");
        assertThat(run.heredocs()).extracting(Heredoc::name).containsExactly("EOF");
    }
}
