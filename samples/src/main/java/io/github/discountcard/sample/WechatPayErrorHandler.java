package io.github.discountcard.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.discountcard.client.WechatPayInvalidRequestException;
import io.github.discountcard.client.WechatPayInvalidResponseException;
import io.github.discountcard.client.WechatPayServiceException;
import io.github.discountcard.client.WechatPaySignatureException;
import io.github.discountcard.client.WechatPayTransportException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Shows how an application can map the client's typed errors to its own HTTP answers. */
@RestControllerAdvice
class WechatPayErrorHandler {

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalidRequest(WechatPayInvalidRequestException ex) {
        return answer(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", ex.getMessage(), null);
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> serviceError(WechatPayServiceException ex) {
        HttpStatus status = (ex.statusCode() == 404) ? HttpStatus.NOT_FOUND
                : (ex.statusCode() < 500) ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY;
        return answer(status, (ex.code() != null) ? ex.code() : "WECHATPAY_ERROR", ex.getMessage(), ex.requestId());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> badSignature(WechatPaySignatureException ex) {
        return answer(HttpStatus.BAD_GATEWAY, "SIGNATURE_" + ex.reason(), ex.getMessage(), ex.requestId());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalidResponse(WechatPayInvalidResponseException ex) {
        return answer(HttpStatus.BAD_GATEWAY, "INVALID_RESPONSE", ex.getMessage(), ex.requestId());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> transport(WechatPayTransportException ex) {
        return answer(HttpStatus.GATEWAY_TIMEOUT, "WECHATPAY_UNREACHABLE", ex.getMessage(), null);
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String code, @Nullable String message,
            @Nullable String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return ResponseEntity.status(status).body(body);
    }
}
