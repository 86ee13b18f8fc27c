package berth.registry.server;

import berth.content.Digest;
import berth.registry.notify.Event;
import berth.registry.storage.RepositoryName;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An authorised request: the exchange and who made it, and the events it causes. */
record Caller(Exchange exchange, Optional<String> user) {
    Event event(String action, RepositoryName repo, Optional<String> mediaType, Digest digest, long size, Optional<String> tag, String path) {
        return new Event(UUID.randomUUID().toString(), Instant.now(), action, repo.value(), mediaType, digest.toString(), size, tag,
                exchange.baseUrl() + path, exchange.method().name(), exchange.remoteAddress(),
                exchange.header(HttpHeaderNames.HOST).orElse(""), exchange.header(HttpHeaderNames.USER_AGENT).orElse(""), user);
    }
}
