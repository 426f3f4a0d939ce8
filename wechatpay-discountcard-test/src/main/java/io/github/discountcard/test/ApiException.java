package io.github.discountcard.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** An APIv3 error answer: status, {@code code}, {@code message} and an optional {@code detail} object. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    private final String code;

    private final transient @Nullable Map<String, Object> detail;

    ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    ApiException(int status, String code, String message, @Nullable Map<String, Object> detail) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    /** 400 {@code PARAM_ERROR} naming the field, e.g. {@code objectives[0].count}. */
    static ApiException paramError(String field, String issue, String location) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("field", field);
        detail.put("location", location);
        detail.put("issue", issue);
        return new ApiException(400, "PARAM_ERROR", field + " " + issue, detail);
    }

    static ApiException signError(String message) {
        return new ApiException(401, "SIGN_ERROR", message);
    }

    static ApiException resourceNotExists(String message) {
        return new ApiException(404, "RESOURCE_NOT_EXISTS", message);
    }

    int status() {
        return this.status;
    }

    String code() {
        return this.code;
    }

    @Nullable Map<String, Object> detail() {
        return this.detail;
    }
}
