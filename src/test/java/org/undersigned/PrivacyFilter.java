package org.undersigned;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Checks every response to an anonymous request in the suite: no email address, no IP address,
 * in the body or a header. A public response that carries one fails the test that made it.
 */
public class PrivacyFilter implements Filter {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}(?![\\d.])");

    static final AtomicLong SCANNED = new AtomicLong();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        if (request.getHeaders().hasHeaderWithName("Authorization") || !request.getURI().contains("/v1/")) {
            return response;
        }
        SCANNED.incrementAndGet();
        check(response.asString(), request);
        for (Header header : response.getHeaders()) {
            if (!header.getName().equalsIgnoreCase("Location") && !header.getName().equalsIgnoreCase("Link")) {
                check(header.getValue(), request);
            }
        }
        return response;
    }

    static boolean carriesPersonalData(String text) {
        return text != null && (EMAIL.matcher(text).find() || IPV4.matcher(text).find());
    }

    private static void check(String text, FilterableRequestSpecification request) {
        if (carriesPersonalData(text)) {
            throw new AssertionError("A public response to " + request.getMethod() + " " + request.getURI()
                    + " carries an email or IP address: " + text);
        }
    }
}
