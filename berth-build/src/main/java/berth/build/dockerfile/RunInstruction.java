package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code RUN [--network=default|none|host] <command>}, shell or exec form, with the heredocs its line
 * opens. Not expanded: the shell does its own substitution.
 */
public record RunInstruction(SourceLocation location, CommandLine command, RunNetwork network,
        List<Heredoc> heredocs) implements Instruction {
    public RunInstruction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(network, "network");
        heredocs = List.copyOf(heredocs);
    }

    @Override
    public String keyword() {
        return "RUN";
    }

    /**
     * The heredoc that is the whole command ({@code RUN <<EOF ... EOF}): its content is the script to
     * run (with the shell, or directly when it starts with {@code #!}).
     */
    public Optional<Heredoc> scriptHeredoc() {
        if (heredocs.size() == 1 && command instanceof CommandLine.Shell shell
                && HeredocSyntax.parse(shell.command().strip()).isPresent()) {
            return Optional.of(heredocs.getFirst());
        }
        return Optional.empty();
    }

    /**
     * For the shell form, the text to hand to the shell: the command itself; for
     * {@link #scriptHeredoc} the heredoc content; otherwise the command line followed by each heredoc's
     * body and delimiter, so the shell reads them as here-documents.
     *
     * @throws IllegalStateException for the exec form
     */
    public String shellText() {
        if (!(command instanceof CommandLine.Shell shell)) {
            throw new IllegalStateException("RUN in exec form has no shell text");
        }
        Optional<Heredoc> script = scriptHeredoc();
        if (script.isPresent()) {
            return script.get().content();
        }
        StringBuilder text = new StringBuilder(shell.command());
        for (Heredoc heredoc : heredocs) {
            text.append('\n').append(heredoc.content()).append(heredoc.name());
        }
        return text.toString();
    }
}
