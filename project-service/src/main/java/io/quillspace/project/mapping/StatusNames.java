package io.quillspace.project.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Statuses as the API, the events and the history spell them: {@code IN_REVIEW} is {@code in_review}. */
public final class StatusNames {

    private StatusNames() {
    }

    public static String wire(Enum<?> status) {
        return status == null ? null : status.name().toLowerCase(Locale.ROOT);
    }

    /** The status an API name stands for, or null if {@code type} has none of that name. */
    public static <S extends Enum<S>> S parse(Class<S> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(status -> wire(status).equals(wire)).findFirst()
                .orElse(null);
    }

    /** Every API name of {@code type}'s statuses, in declaration order. */
    public static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(StatusNames::wire).toList();
    }
}
