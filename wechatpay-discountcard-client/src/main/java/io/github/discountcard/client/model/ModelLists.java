package io.github.discountcard.client.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** List normalisation shared by the records of this package. */
final class ModelLists {

    private ModelLists() {
    }

    /**
     * An unmodifiable copy of {@code list}: {@code null} becomes an empty list and {@code null} elements
     * are dropped (so that a stray {@code null} in JSON never fails parsing nor leaks out of a
     * {@code @NullMarked} API).
     */
    static <T> List<T> copyOf(@Nullable Collection<? extends @Nullable T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(list.size());
        for (T element : list) {
            if (element != null) {
                copy.add(element);
            }
        }
        return Collections.unmodifiableList(copy);
    }
}
