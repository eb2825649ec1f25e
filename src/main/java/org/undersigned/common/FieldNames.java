package org.undersigned.common;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** The fields a request body sets, by their JSON names: what an audit entry names, never their values. */
public final class FieldNames {

    private FieldNames() {
    }

    /** The snake_case names of a request record's components that are present (not null). */
    public static List<String> present(Record request) {
        List<String> names = new ArrayList<>();
        if (request == null) {
            return names;
        }
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            try {
                if (component.getAccessor().invoke(request) != null) {
                    names.add(snake(component.getName()));
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    static String snake(String camel) {
        StringBuilder snake = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
