package berth.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {
    private static final Map<String, String> ENV = env();
    private final Substitution sub = Substitution.standard();

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("NAME", "app");
        env.put("EMPTY", "");
        env.put("SPACED", "a b  c");
        return env;
    }

    private String word(String text) {
        return sub.word(text, ENV);
    }

    @Test
    void word_substitutesPlainAndBracedNames() {
        assertThat(word("$NAME")).isEqualTo("app");
        assertThat(word("${NAME}")).isEqualTo("app");
        assertThat(word("/srv/${NAME}/bin")).isEqualTo("/srv/app/bin");
        assertThat(word("$NAME-x")).isEqualTo("app-x");
        assertThat(word("${NAME}_x")).isEqualTo("app_x");
        assertThat(word("$NAME_x")).as("the name runs on through letters, digits and _").isEmpty();
    }

    @Test
    void word_unsetVariablesAreEmpty() {
        assertThat(word("a${MISSING}b$MISSING")).isEqualTo("ab");
    }

    @Test
    void word_dollarNotFollowedByANameIsLiteral() {
        assertThat(word("cost: $")).isEqualTo("cost: $");
        assertThat(word("$ 5")).isEqualTo("$ 5");
        assertThat(word("a$-b")).isEqualTo("a$-b");
    }

    @Test
    void word_colonDashUsesDefaultWhenUnsetOrEmpty() {
        assertThat(word("${NAME:-dflt}")).isEqualTo("app");
        assertThat(word("${EMPTY:-dflt}")).isEqualTo("dflt");
        assertThat(word("${MISSING:-dflt}")).isEqualTo("dflt");
    }

    @Test
    void word_dashUsesDefaultOnlyWhenUnset() {
        assertThat(word("${EMPTY-dflt}")).isEmpty();
        assertThat(word("${MISSING-dflt}")).isEqualTo("dflt");
        assertThat(word("${NAME-dflt}")).isEqualTo("app");
    }

    @Test
    void word_colonPlusUsesAlternativeWhenSetAndNotEmpty() {
        assertThat(word("${NAME:+alt}")).isEqualTo("alt");
        assertThat(word("${EMPTY:+alt}")).isEmpty();
        assertThat(word("${MISSING:+alt}")).isEmpty();
    }

    @Test
    void word_plusUsesAlternativeWhenSetEvenIfEmpty() {
        assertThat(word("${EMPTY+alt}")).isEqualTo("alt");
        assertThat(word("${MISSING+alt}")).isEmpty();
    }

    @Test
    void word_defaultsNestSubstitutions() {
        assertThat(word("${MISSING:-${NAME}-1}")).isEqualTo("app-1");
        assertThat(word("${MISSING:-${ALSO:-deep}}")).isEqualTo("deep");
    }

    @Test
    void word_questionModifierFailsWhenUnsetAndNamesTheVariable() {
        assertThat(word("${NAME:?must be set}")).isEqualTo("app");
        assertThatThrownBy(() -> word("${MISSING:?must be set}"))
                .isInstanceOf(SubstitutionException.class).hasMessage("MISSING: must be set");
        assertThatThrownBy(() -> word("${EMPTY:?}"))
                .isInstanceOf(SubstitutionException.class).hasMessage("EMPTY: parameter null or not set");
        assertThat(word("${EMPTY?x}")).isEmpty();
    }

    @Test
    void word_unsupportedModifiersAreClearErrors() {
        assertThatThrownBy(() -> word("${NAME#a}"))
                .isInstanceOf(SubstitutionException.class).hasMessageContaining("unsupported modifier (#)");
        assertThatThrownBy(() -> word("${NAME:=x}"))
                .isInstanceOf(SubstitutionException.class).hasMessageContaining("unsupported modifier (:=)");
        assertThatThrownBy(() -> word("${NAME/a/b}"))
                .isInstanceOf(SubstitutionException.class).hasMessageContaining("unsupported modifier (/)");
    }

    @Test
    void word_unterminatedBraceOrQuoteIsAnError() {
        assertThatThrownBy(() -> word("${NAME")).isInstanceOf(SubstitutionException.class).hasMessageContaining("missing '}'");
        assertThatThrownBy(() -> word("${NAME:-abc")).isInstanceOf(SubstitutionException.class).hasMessageContaining("missing '}'");
        assertThatThrownBy(() -> word("'abc")).isInstanceOf(SubstitutionException.class).hasMessageContaining("single-quote");
        assertThatThrownBy(() -> word("\"abc")).isInstanceOf(SubstitutionException.class).hasMessageContaining("double-quote");
        assertThatThrownBy(() -> word("${}")).isInstanceOf(SubstitutionException.class).hasMessageContaining("bad substitution");
    }

    @Test
    void word_removesQuotesAndKeepsSingleQuotedTextLiteral() {
        assertThat(word("\"$NAME\"")).isEqualTo("app");
        assertThat(word("'$NAME'")).isEqualTo("$NAME");
        assertThat(word("\"a 'b' c\"")).isEqualTo("a 'b' c");
        assertThat(word("'a \"b\" c'")).isEqualTo("a \"b\" c");
        assertThat(word("x\"\"y")).isEqualTo("xy");
    }

    @Test
    void word_escapeMakesTheNextCharacterLiteral() {
        assertThat(word("\\$NAME")).isEqualTo("$NAME");
        assertThat(word("\\${NAME}")).isEqualTo("${NAME}");
        assertThat(word("a\\ b")).isEqualTo("a b");
        assertThat(word("\\\\")).isEqualTo("\\");
        assertThat(word("\\\"q\\\"")).isEqualTo("\"q\"");
        assertThat(word("end\\")).as("an escape at the very end is dropped").isEqualTo("end");
    }

    @Test
    void word_inDoubleQuotesOnlyQuoteDollarAndEscapeAreEscapable() {
        assertThat(word("\"\\$NAME\"")).isEqualTo("$NAME");
        assertThat(word("\"a\\\"b\"")).isEqualTo("a\"b");
        assertThat(word("\"c:\\dir\"")).isEqualTo("c:\\dir");
        assertThat(word("'\\$NAME'")).isEqualTo("\\$NAME");
    }

    @Test
    void word_keepsWhitespace() {
        assertThat(word("a  b $SPACED")).isEqualTo("a  b a b  c");
    }

    @Test
    void words_splitsAtUnquotedWhitespaceIncludingInsideValues() {
        assertThat(sub.words("$SPACED", ENV)).containsExactly("a", "b", "c");
        assertThat(sub.words("\"$SPACED\"", ENV)).containsExactly("a b  c");
        assertThat(sub.words("80 443/udp", ENV)).containsExactly("80", "443/udp");
        assertThat(sub.words("a\\ b c", ENV)).containsExactly("a b", "c");
        assertThat(sub.words("a \"\" b", ENV)).as("an empty quoted word vanishes, as Docker").containsExactly("a", "b");
        assertThat(sub.words("", ENV)).isEmpty();
    }

    @Test
    void backtickEscape_replacesBackslash() {
        Substitution windows = new Substitution('`');
        assertThat(windows.word("c:\\dir\\$NAME", ENV)).isEqualTo("c:\\dir\\app");
        assertThat(windows.word("`$NAME", ENV)).isEqualTo("$NAME");
        assertThat(windows.word("\"`\"x`\"\"", ENV)).isEqualTo("\"x\"");
    }

    @Test
    void heredoc_substitutesButKeepsQuotes() {
        assertThat(sub.heredoc("name='$NAME' \"${NAME:-x}\"\n", ENV)).isEqualTo("name='app' \"app\"\n");
        assertThat(sub.heredoc("cost \\$5 and \\\\ and \\n\n", ENV)).isEqualTo("cost $5 and \\ and \\n\n");
        assertThat(sub.heredoc("joined \\\nline\n", ENV)).isEqualTo("joined line\n");
    }

    @Test
    void expander_bindsTheEnvironment() {
        Expander e = sub.expander(Map.of("A", "1"));
        assertThat(e.word("$A")).isEqualTo("1");
        assertThat(e.words("$A $A")).containsExactly("1", "1");
        assertThat(e.heredoc("'$A'")).isEqualTo("'1'");
    }
}
