package berth.registry.server;

import berth.errors.BerthException;
import berth.registry.storage.RegistryError;
import berth.registry.storage.RegistryException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The one place failures become HTTP: the distribution spec's error codes with their statuses, and
 * the body {@code {"errors": [{"code", "message", "detail"}]}}.
 */
final class RegistryErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryErrors() {}

    static Response of(RegistryException e) {
        RegistryError code = e.code();
        return switch (code) {
            case BLOB_UNKNOWN, BLOB_UPLOAD_UNKNOWN, MANIFEST_UNKNOWN, NAME_UNKNOWN -> error(HttpResponseStatus.NOT_FOUND, code.name(), e.getMessage());
            case BLOB_UPLOAD_INVALID, DIGEST_INVALID, MANIFEST_BLOB_UNKNOWN, MANIFEST_INVALID, NAME_INVALID, SIZE_INVALID, TAG_INVALID ->
                    error(HttpResponseStatus.BAD_REQUEST, code.name(), e.getMessage());
            case UNSUPPORTED -> error(HttpResponseStatus.METHOD_NOT_ALLOWED, code.name(), e.getMessage());
            case UPLOAD_OFFSET_MISMATCH -> error(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "BLOB_UPLOAD_INVALID", e.getMessage());
            case RANGE_NOT_SATISFIABLE -> error(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "RANGE_INVALID", e.getMessage());
            case TOO_LARGE -> error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "SIZE_INVALID", e.getMessage());
        };
    }

    static Response of(BerthException e) {
        return switch (e.kind()) {
            case INVALID_ARGUMENT -> error(HttpResponseStatus.BAD_REQUEST, "UNSUPPORTED", e.getMessage());
            case NOT_FOUND -> error(HttpResponseStatus.NOT_FOUND, "NAME_UNKNOWN", e.getMessage());
            case NOT_IMPLEMENTED -> error(HttpResponseStatus.METHOD_NOT_ALLOWED, "UNSUPPORTED", e.getMessage());
            default -> error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "UNKNOWN", "unknown error: " + e.getMessage());
        };
    }

    static Response unauthorized(String challenge, String message) {
        return error(HttpResponseStatus.UNAUTHORIZED, "UNAUTHORIZED", message).header("WWW-Authenticate", challenge);
    }

    static Response denied(String message) {
        return error(HttpResponseStatus.FORBIDDEN, "DENIED", message);
    }

    static Response unsupported(String message) {
        return error(HttpResponseStatus.METHOD_NOT_ALLOWED, "UNSUPPORTED", message);
    }

    static Response notFound(String message) {
        return error(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", message);
    }

    static Response internal(Throwable t) {
        return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "UNKNOWN", "unknown error: " + t);
    }

    static Response error(HttpResponseStatus status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message).putNull("detail");
        try {
            return Response.json(status, JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
