package org.undersigned.common;

import java.util.List;

/** A page of a list: the items and the cursor of the next page ({@code null} on the last). */
public record Page<T>(List<T> items, String nextCursor) {

    public static <T> Page<T> complete(List<T> items) {
        return new Page<>(items, null);
    }
}
