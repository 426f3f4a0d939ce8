package io.github.discountcard.client.model;

import java.lang.reflect.RecordComponent;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Keeps personal data (an {@code openid}) out of {@code toString()}: every model that carries one prints it
 * masked, so a model logged or put in an exception message by an application never leaks it.
 */
public final class PersonalData {

    /** What a masked value prints as. */
    public static final String MASK = "******";

    private PersonalData() {
    }

    /** {@link #MASK} for a value, {@code null} for none. */
    public static @Nullable String mask(@Nullable String value) {
        return (value != null) ? MASK : null;
    }

    /**
     * The record as {@code Name[component=value, ...]}, like a record's own {@code toString()}, with the named
     * components masked.
     */
    public static String toString(Record record, Set<String> masked) {
        StringBuilder text = new StringBuilder(record.getClass().getSimpleName()).append('[');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            text.append((i > 0) ? ", " : "").append(name).append('=');
            Object value = value(record, components[i]);
            text.append((value != null && masked.contains(name)) ? MASK : value);
        }
        return text.append(']').toString();
    }

    private static @Nullable Object value(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        }
        catch (ReflectiveOperationException ex) {
            return "?";
        }
    }
}
