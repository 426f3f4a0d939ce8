package io.github.discountcard.sample;

import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.UpdateOrderRequest;
import io.github.discountcard.client.model.UpdateOrderResponse;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hands the order endpoints to the injected {@link DiscountCardClient}. */
@RestController
@RequestMapping("/orders")
class OrderController {

    private final DiscountCardClient client;

    OrderController(DiscountCardClient client) {
        this.client = client;
    }

    @GetMapping("/{outOrderNo}")
    Mono<DiscountCardOrder> getOrder(@PathVariable String outOrderNo) {
        return this.client.getOrder(outOrderNo);
    }

    @PatchMapping("/{outOrderNo}")
    Mono<UpdateOrderResponse> updateOrder(@PathVariable String outOrderNo, @RequestBody UpdateOrderRequest request) {
        return this.client.updateOrder(outOrderNo, request);
    }
}
