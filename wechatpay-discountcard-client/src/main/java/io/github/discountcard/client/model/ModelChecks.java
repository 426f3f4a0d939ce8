package io.github.discountcard.client.model;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The checks behind the requests' {@code problems()}; each problem names the JSON path of its field. */
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

    /** A required text of at most {@code max} characters (code points), not blank. */
    static void text(String path, @Nullable String value, int max, List<String> problems) {
        if (value == null) {
            problems.add(path + " is required");
        }
        else if (value.isBlank()) {
            problems.add(path + " must not be blank");
        }
        else {
            maxLength(path, value, max, problems);
        }
    }

    /** An optional text of at most {@code max} characters (code points). */
    static void maxLength(String path, @Nullable String value, int max, List<String> problems) {
        if (value != null) {
            int length = value.codePointCount(0, value.length());
            if (length > max) {
                problems.add(path + " must be at most " + max + " characters but has " + length);
            }
        }
    }

    /** A required number of at least 1. */
    static void positive(String path, @Nullable Long value, List<String> problems) {
        if (value == null) {
            problems.add(path + " is required");
        }
        else if (value < 1) {
            problems.add(path + " must be at least 1 but was " + value);
        }
    }
}
