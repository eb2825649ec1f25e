package org.undersigned.signature;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builders of signatures and readers of the emails they cause, for the tests. */
final class Signing {

    private static final Pattern VERIFY = Pattern.compile("/verify\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern WITHDRAW = Pattern.compile("/withdraw\\?token=([A-Za-z0-9_-]+)");

    private Signing() {
    }

    static Map<String, Object> individual(String name, String email, String country) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "INDIVIDUAL");
        body.put("name", name);
        body.put("email", email);
        body.put("country", country);
        return body;
    }

    static Map<String, Object> organization(String name, String email, String country, int represents) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "ORGANIZATION");
        body.put("name", name);
        if (email != null) body.put("email", email);
        body.put("country", country);
        body.put("represents", represents);
        return body;
    }

    static String verifyToken(MimeMessage message) {
        return find(VERIFY, message);
    }

    static String withdrawToken(MimeMessage message) {
        return find(WITHDRAW, message);
    }

    private static String find(Pattern pattern, MimeMessage message) {
        String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
        Matcher matcher = pattern.matcher(body);
        assertTrue(matcher.find(), "no link in: " + body);
        return matcher.group(1);
    }
}
