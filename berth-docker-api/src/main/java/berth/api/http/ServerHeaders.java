package berth.api.http;

import io.netty.handler.codec.http.HttpHeaders;

/** The headers dockerd puts on every response; clients negotiate the API version from them. */
public record ServerHeaders(String server, boolean experimental) {
    public void applyTo(HttpHeaders h) {
        h.set("Api-Version", ApiVersion.MAX.toString());
        h.set("Server", server);
        h.set("Ostype", "linux");
        h.set("Docker-Experimental", Boolean.toString(experimental));
    }
}
