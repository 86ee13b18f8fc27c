package berth.build.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** How Docker's parser cuts an instruction's arguments into words, before any substitution. */
final class ArgumentSyntax {
    private static final Pattern WHITESPACE = Pattern.compile("[\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static final String NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

    private ArgumentSyntax() {}

    /** Plain whitespace split, quotes not special (FROM, EXPOSE, and the non-JSON ADD, COPY, VOLUME). */
    static List<String> whitespaceWords(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(WHITESPACE.split(trimmed));
    }

    /** Splits at whitespace outside quotes; quotes and escapes are kept for the later substitution (ENV, LABEL, ARG). */
    static List<String> rawWords(String text, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quotedBlank = false; // "" is a word of its own
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == escape && quote != '\'') {
                    if (i + 1 == text.length()) {
                        continue;
                    }
                    word.append(ch);
                    ch = text.charAt(++i);
                }
                word.append(ch);
                continue;
            }
            if (Character.isWhitespace(ch)) {
                if (inWord && (quotedBlank || !word.isEmpty())) {
                    words.add(word.toString());
                }
                word.setLength(0);
                inWord = false;
                quotedBlank = false;
                continue;
            }
            inWord = true;
            if (ch == '\'' || ch == '"') {
                quote = ch;
                quotedBlank = true;
            } else if (ch == escape) {
                if (i + 1 == text.length()) {
                    continue; // an escape at the end is dropped
                }
                word.append(ch);
                ch = text.charAt(++i);
            }
            word.append(ch);
        }
        if (inWord && (quotedBlank || !word.isEmpty())) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * The exec form: a JSON array of strings. Empty when the text is not a JSON array at all (then it
     * is the shell form, as {@code CMD [ "a", 'b' ]} is); an error when it is one but holds a
     * non-string, as Docker.
     */
    static Optional<List<String>> jsonStrings(String text, int line) {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("[")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw ParseErrors.at(line, NOT_STRING_ARRAY);
            }
            strings.add(element.textValue());
        }
        return Optional.of(strings);
    }
}
