package org.undersigned.page;

import io.quarkus.qute.TemplateData;

import java.util.Map;

/** The small pages' values: a message (with the button of an emailed link, if any), and the portal. */
final class PageViews {

    private PageViews() {
    }

    /**
     * A page that says one thing: what a link will do and the button that does it ({@code action},
     * a form posting {@code token}), or what happened.
     */
    @TemplateData
    record Message(String language, String direction, Map<String, String> t, String heading, String text,
                   String action, String token, String button, String letterUrl, Secret secret) {
    }

    /** A secret the page shows once (an organiser's session token), with when it stops working. */
    record Secret(String value, String validUntil, String validUntilShown) {

        /** The time as a machine reads it (RFC 3339) and as a person does (to the minute, in UTC). */
        static Secret until(String value, java.time.Instant until) {
            return new Secret(value, until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(until));
        }
    }

    /** The signer's portal: {@code token} is the emailed link's, spent when the signer asks. */
    @TemplateData
    record Portal(String language, String direction, Map<String, String> t, String wordsJson, String token) {
    }
}
