package berth.registry.server;

import berth.registry.auth.Authenticator;
import berth.registry.notify.Event;
import berth.registry.storage.RegistryStorage;
import berth.registry.storage.StorageConfig;
import java.util.Optional;
import java.util.function.Consumer;

/** What the routes share: the storage, its limits, the authenticator, the token realm and where events go. */
record RegistryContext(RegistryStorage storage, StorageConfig limits, Authenticator auth, Optional<String> realm,
        Consumer<Event> events) {
    /** The token endpoint clients are sent to: the configured realm, else this server's own {@code /token}. */
    String realmFor(Exchange ex) {
        return realm.orElseGet(() -> ex.baseUrl() + "/token");
    }
}
