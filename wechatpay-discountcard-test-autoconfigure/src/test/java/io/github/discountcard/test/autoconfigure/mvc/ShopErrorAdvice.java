package io.github.discountcard.test.autoconfigure.mvc;

import java.util.Map;

import io.github.discountcard.client.WechatPayException;
import io.github.discountcard.client.WechatPayInvalidRequestException;
import io.github.discountcard.client.WechatPayServiceException;
import io.github.discountcard.client.WechatPayTransportException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** WeChat Pay's answers as the shop's HTTP answers: a WeChat 404 is the shop's 404, never a 500. */
@RestControllerAdvice
class ShopErrorAdvice {

    @ExceptionHandler
    ResponseEntity<Map<String, String>> wechatPay(WechatPayException ex) {
        HttpStatus status = HttpStatus.BAD_GATEWAY;
        if (ex instanceof WechatPayServiceException service) {
            status = (service.statusCode() == 404) ? HttpStatus.NOT_FOUND
                    : (service.statusCode() < 500) ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_GATEWAY;
        }
        else if (ex instanceof WechatPayInvalidRequestException) {
            status = HttpStatus.BAD_REQUEST;
        }
        else if (ex instanceof WechatPayTransportException) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
        }
        String code = (ex instanceof WechatPayServiceException service && service.code() != null) ? service.code()
                : ex.getClass().getSimpleName();
        return ResponseEntity.status(status).body(Map.of("code", code));
    }
}
