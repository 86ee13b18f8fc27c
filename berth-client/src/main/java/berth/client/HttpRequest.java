package berth.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP/1.1 request: method, request target (path plus encoded query), extra headers and body.
 * Host, Content-Length / Transfer-Encoding and Content-Type are added by the connection.
 */
public record HttpRequest(String method, String target, Map<String, String> headers, RequestBody body) {
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    public static HttpRequest of(String method, String target) {
        return new HttpRequest(method, target, Map.of(), RequestBody.NONE);
    }

    public HttpRequest withBody(RequestBody newBody) {
        return new HttpRequest(method, target, headers, newBody);
    }

    public HttpRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpRequest(method, target, h, body);
    }
}
