package io.github.discountcard.client.model;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The checks behind {@link UpdateOrderRequest#problems()}; each problem names the JSON path of its field. */
final class ModelChecks {

    private ModelChecks() {
    }

    static void required(String path, @Nullable Object value, List<String> problems) {
        if (value == null) {
            problems.add(path + " is required");
        }
    }

    static void serialNo(String path, @Nullable String value, List<String> problems) {
        if (value == null) {
            problems.add(path + " is required");
        }
        else if (value.isBlank()) {
            problems.add(path + " must not be blank");
        }
    }

    static void notNegative(String path, @Nullable Long value, List<String> problems) {
        if (value == null) {
            problems.add(path + " is required");
        }
        else if (value < 0) {
            problems.add(path + " must not be negative");
        }
    }
}
