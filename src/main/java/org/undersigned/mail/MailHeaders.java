package org.undersigned.mail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An email's own headers as the outbox keeps them: one {@code Name: value} a line. Names and values
 * are the service's own (never a stranger's text), so a line break cannot appear in them; one is
 * refused all the same, since it would make a header of its own.
 */
final class MailHeaders {

    private MailHeaders() {
    }

    static String encode(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("not a header an email may carry: " + name);
            }
            lines.append(name).append(": ").append(value).append('\n');
        });
        return lines.toString();
    }

    static Map<String, String> decode(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines != null) {
            for (String line : lines.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }
}
