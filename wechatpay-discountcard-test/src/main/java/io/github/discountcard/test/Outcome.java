package io.github.discountcard.test;

import java.util.Map;

/**
 * What to do with a request: answer with a status, headers and body, or reset the connection without an answer.
 */
record Outcome(int status, Map<String, String> headers, byte[] body, boolean resetConnection) {

    static Outcome reset() {
        return new Outcome(ReceivedRequest.NO_RESPONSE, Map.of(), new byte[0], true);
    }
}
