package berth.distribution.client;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A registry's error answer: the status and the {@code {"errors":[{"code","message","detail"}]}} body of
 * the distribution spec, turned into a {@link BerthException} whose message reads as dockerd's (Go's
 * errcode prints {@code MANIFEST_UNKNOWN} with message {@code x} as "manifest unknown: x").
 */
public record RegistryErrors(int status, List<Entry> errors) {
    /** One entry of the body; {@code detail} is kept as JSON text, it may be any value. */
    public record Entry(String code, String message, String detail) {
        /** {@code manifest unknown: manifest unknown}, as Go's errcode.Error prints. */
        @Override
        public String toString() {
            String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
            return message.isEmpty() ? words : words + ": " + message;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 512;

    public RegistryErrors {
        errors = List.copyOf(errors);
    }

    /** Reads the error body; anything that is not the spec's shape gives an empty list. */
    public static RegistryErrors parse(int status, byte[] body) {
        List<Entry> entries = new ArrayList<>();
        try {
            JsonNode root = body.length == 0 ? null : JSON.readTree(body);
            JsonNode errors = root == null ? null : root.get("errors");
            if (errors != null && errors.isArray()) {
                for (JsonNode e : errors) {
                    String code = e.path("code").isTextual() ? e.path("code").textValue() : "UNKNOWN";
                    String message = e.path("message").isTextual() ? e.path("message").textValue() : "";
                    JsonNode detail = e.get("detail");
                    entries.add(new Entry(clip(code), clip(message), detail == null || detail.isNull() ? "" : clip(detail.toString())));
                }
            }
        } catch (IOException e) {
            // not JSON: the status alone speaks
        }
        return new RegistryErrors(status, entries);
    }

    public boolean has(String code) {
        return errors.stream().anyMatch(e -> e.code().equals(code));
    }

    /** The errors as dockerd prints them, or the HTTP status when the body had none. */
    public String describe() {
        if (errors.isEmpty()) {
            return switch (status) {
                case 401 -> "unauthorized: authentication required";
                case 403 -> "denied: requested access to the resource is denied";
                case 404 -> "not found";
                case 429 -> "toomanyrequests: too many requests";
                default -> "unexpected HTTP status " + status;
            };
        }
        return errors.stream().map(Entry::toString).collect(Collectors.joining(", "));
    }

    /** The error category the status stands for. */
    public ErrorKind kind() {
        return switch (status) {
            case 401 -> ErrorKind.UNAUTHENTICATED;
            case 403 -> ErrorKind.PERMISSION_DENIED;
            case 404 -> ErrorKind.NOT_FOUND;
            case 405 -> ErrorKind.NOT_IMPLEMENTED;
            case 409 -> ErrorKind.CONFLICT;
            case 416 -> ErrorKind.INVALID_ARGUMENT;
            case 429 -> ErrorKind.UNAVAILABLE;
            default -> status >= 500 ? ErrorKind.UNAVAILABLE : ErrorKind.INVALID_ARGUMENT;
        };
    }

    /** A BerthException of {@link #kind()} with {@code prefix} before the registry's words. */
    public BerthException toException(String prefix) {
        return new BerthException(kind(), prefix + describe());
    }

    private static String clip(String s) {
        String oneLine = s.replaceAll("[\\p{Cntrl}]", " ");
        return oneLine.length() > MAX_TEXT ? oneLine.substring(0, MAX_TEXT) + "…" : oneLine;
    }
}
