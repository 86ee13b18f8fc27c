package berth.cli.format;

import java.util.List;
import java.util.Map;

/**
 * An object a template can read fields from, like the docker CLI's formatter contexts: {@code
 * {{.Names}}} calls {@link #field}, {@code {{.Label "k"}}} calls {@link #call}. {@link #asMap()} is
 * what {@code {{json .}}} prints.
 */
public interface TemplateData {
    /** The field's value, or {@link Template#NO_VALUE} when there is no such field. */
    Object field(String name);

    /** A method with arguments; by default there are none. */
    default Object call(String name, List<Object> args) {
        throw new TemplateException("can't call method/function \"" + name + "\"");
    }

    Map<String, Object> asMap();
}
