package org.undersigned.common;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Turns bean-validation and JSON-binding failures into {@link Violation}s named as the client wrote them. */
public final class Violations {

    private Violations() {
    }

    public static List<Violation> of(Collection<? extends ConstraintViolation<?>> constraintViolations) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : constraintViolations) {
            violations.add(new Violation(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return violations;
    }

    /** The violation a JSON binding error stands for: an unknown property, or a value of the wrong type. */
    public static Violation of(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return new Violation(jsonPath(e), "unknown property");
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
            return new Violation(jsonPath(e), "must be " + describe(target));
        }
        return new Violation(jsonPath(e), "has an invalid value");
    }

    /** A bean validation path without the method and parameter nodes, in snake_case: {@code recipients[0].name}. */
    public static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.isInIterable() && node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (kind == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
                continue;
            }
            if (!field.isEmpty()) field.append('.');
            field.append(Names.snakeCase(node.getName()));
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** The JSON path of a Jackson error, in the names the client used. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i > 0 ? ", " : "").append(constants[i]);
            }
            return values.toString();
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "Instant", "OffsetDateTime" -> "an RFC 3339 timestamp";
            case "UUID" -> "a UUID";
            case "Integer", "int", "Long", "long" -> "an integer";
            case "Boolean", "boolean" -> "a boolean";
            case "String" -> "a string";
            case "List", "Set" -> "an array";
            default -> type.isRecord() ? "an object" : "a value of the documented type";
        };
    }
}
