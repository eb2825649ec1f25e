package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.undersigned.common.Ids;
import org.undersigned.common.ServerSecret;

/**
 * Link tokens that name their signature and prove themselves under the server's secret
 * ({@code <id>.<mac>}): nothing is stored for them, and they keep working for as long as the
 * signature exists. For links whose use is harmless to repeat (stop the news, "it wasn't me").
 */
@ApplicationScoped
public class SelfTokens {

    private final ServerSecret secret;

    SelfTokens(ServerSecret secret) {
        this.secret = secret;
    }

    String issue(String purpose, UUID signatureId) {
        return signatureId + "." + secret.token(purpose, signatureId.toString());
    }

    /** The signature a token names, or null when it is not one this service issued for that purpose. */
    public UUID check(String purpose, String token) {
        int dot = token.indexOf('.');
        UUID id = dot < 0 ? null : Ids.parse(token.substring(0, dot));
        if (id == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                issue(purpose, id).getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return id;
    }
}
