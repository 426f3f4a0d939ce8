package io.github.discountcard.client.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The JSON properties a model does not know, in the order they were read, kept so that a later version of WeChat's
 * answer survives a read and a write unchanged. Unmodifiable. {@link #toString()} names the properties but not their
 * values: an unknown property may hold personal data.
 */
final class UnknownFields extends AbstractMap<String, @Nullable Object> {

    private static final UnknownFields NONE = new UnknownFields(Map.of());

    private final Map<String, @Nullable Object> fields;

    private UnknownFields(Map<String, @Nullable Object> fields) {
        this.fields = fields;
    }

    /**
     * An unmodifiable copy of {@code fields} ({@code null} reads as none).
     * @param fields the properties as Jackson's any-setter collected them, or {@code null}
     * @return the copy
     */
    static Map<String, @Nullable Object> copyOf(@Nullable Map<String, ? extends @Nullable Object> fields) {
        if (fields == null || fields.isEmpty()) {
            return NONE;
        }
        if (fields instanceof UnknownFields known) {
            return known;
        }
        return new UnknownFields(Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
    }

    @Override
    public Set<Entry<String, @Nullable Object>> entrySet() {
        return this.fields.entrySet();
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
        return this.fields.get(key);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return this.fields.containsKey(key);
    }

    @Override
    public int size() {
        return this.fields.size();
    }

    @Override
    public String toString() {
        return this.fields.isEmpty() ? "{}" : "{" + String.join("=…, ", this.fields.keySet()) + "=…}";
    }
}
