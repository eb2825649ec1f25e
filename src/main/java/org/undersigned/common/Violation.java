package org.undersigned.common;

/** One invalid field of a request: {@code field} is the JSON path as the client wrote it. */
public record Violation(String field, String message) {
}
