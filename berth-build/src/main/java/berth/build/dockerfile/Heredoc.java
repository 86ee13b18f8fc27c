package berth.build.dockerfile;

import java.util.Objects;

/**
 * A here-document of RUN, COPY or ADD ({@code <<EOF ... EOF}).
 *
 * @param name the delimiter word, unquoted; for COPY/ADD also the name of the file it becomes
 * @param content the body, each line ending in a newline; with {@code <<-} leading tabs are already stripped
 * @param expand false when the delimiter was quoted ({@code <<"EOF"}, {@code <<'EOF'}): no variable expansion
 * @param chomp true for {@code <<-EOF}
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp) {
    public Heredoc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("heredoc delimiter can not be empty");
        }
    }
}
