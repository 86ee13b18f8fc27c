package berth.compose.project;

/**
 * Where operations report what they do, as Compose v2's progress lines: {@code Container p-web-1
 * Started}, {@code Network p_default  Created}, and warnings.
 */
public interface Progress {
    /** @param kind Container, Network, Volume, Image or Service */
    void event(String kind, String name, String status);

    void warning(String message);

    Progress SILENT = new Progress() {
        @Override
        public void event(String kind, String name, String status) {}

        @Override
        public void warning(String message) {}
    };
}
