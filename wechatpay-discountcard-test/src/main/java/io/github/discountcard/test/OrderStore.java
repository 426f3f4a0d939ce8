package io.github.discountcard.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The orders, in memory. Each order is an immutable snapshot; changes go through {@link ConcurrentHashMap#compute},
 * which serialises writers of the same order while readers always see a whole snapshot.
 */
final class OrderStore {

    private final ConcurrentHashMap<String, SimulatedOrder> byOutOrderNo = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, String> outOrderNoByOutTradeNo = new ConcurrentHashMap<>();

    SimulatedOrder add(SimulatedOrder order) {
        String existing = this.outOrderNoByOutTradeNo.putIfAbsent(order.outTradeNo(), order.outOrderNo());
        if (existing != null) {
            throw new IllegalStateException("out_trade_no " + order.outTradeNo() + " already belongs to order "
                    + existing);
        }
        if (this.byOutOrderNo.putIfAbsent(order.outOrderNo(), order) != null) {
            this.outOrderNoByOutTradeNo.remove(order.outTradeNo(), order.outOrderNo());
            throw new IllegalStateException("An order with out_order_no " + order.outOrderNo() + " already exists");
        }
        return order;
    }

    Optional<SimulatedOrder> find(String outOrderNo) {
        return Optional.ofNullable(this.byOutOrderNo.get(outOrderNo));
    }

    Optional<SimulatedOrder> findByOutTradeNo(String outTradeNo) {
        String outOrderNo = this.outOrderNoByOutTradeNo.get(outTradeNo);
        return (outOrderNo != null) ? find(outOrderNo) : Optional.empty();
    }

    /** Applies an update atomically; empty when there is no such order. */
    Optional<SimulatedOrder> apply(String outOrderNo, OrderUpdate update) {
        return Optional.ofNullable(this.byOutOrderNo.computeIfPresent(outOrderNo, (key, order) -> update.applyTo(order)));
    }

    /** Replaces an order by a function of it; its out_order_no and out_trade_no must stay. */
    SimulatedOrder update(String outOrderNo, UnaryOperator<SimulatedOrder> change) {
        SimulatedOrder updated = this.byOutOrderNo.computeIfPresent(outOrderNo, (key, order) -> {
            SimulatedOrder next = Objects.requireNonNull(change.apply(order), "the change returned null");
            if (!next.outOrderNo().equals(order.outOrderNo()) || !next.outTradeNo().equals(order.outTradeNo())) {
                throw new IllegalArgumentException("An update must keep out_order_no and out_trade_no");
            }
            return next;
        });
        if (updated == null) {
            throw new IllegalArgumentException("No order with out_order_no " + outOrderNo);
        }
        return updated;
    }

    /** All orders, oldest first. */
    List<SimulatedOrder> all() {
        List<SimulatedOrder> all = new ArrayList<>(this.byOutOrderNo.values());
        all.sort(Comparator.comparing(SimulatedOrder::createTime).thenComparing(SimulatedOrder::orderId));
        return List.copyOf(all);
    }

    void clear() {
        this.byOutOrderNo.clear();
        this.outOrderNoByOutTradeNo.clear();
    }
}
