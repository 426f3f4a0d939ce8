package io.github.discountcard.test;

import java.util.ArrayList;
import java.util.List;

/** The requests received, in arrival order of their answers. Thread-safe. */
final class RequestLog {

    private final List<ReceivedRequest> requests = new ArrayList<>();

    synchronized void record(ReceivedRequest request) {
        this.requests.add(request);
    }

    synchronized List<ReceivedRequest> snapshot() {
        return List.copyOf(this.requests);
    }

    synchronized int size() {
        return this.requests.size();
    }

    synchronized void clear() {
        this.requests.clear();
    }
}
