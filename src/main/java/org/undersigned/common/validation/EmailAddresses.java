package org.undersigned.common.validation;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Email addresses: what we accept, and the canonical form that decides whether two addresses
 * are the same signer.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    public static final int MAX_LOCAL_LENGTH = 64;

    /** Domains that deliver {@code a.b@} to {@code ab@}; elsewhere dots are significant. */
    private static final Set<String> DOT_BLIND = Set.of("gmail.com", "googlemail.com");

    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern ASCII_DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

    private EmailAddresses() {
    }

    /** A domain as compared: lower-case ASCII (IDNA), without a leading {@code @}; null when it is not a domain name. */
    public static String asciiDomain(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            String domain = IDN.toASCII(raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", ""), IDN.USE_STD3_ASCII_RULES)
                    .toLowerCase(Locale.ROOT);
            return domain.length() <= 253 && ASCII_DOMAIN.matcher(domain).matches() ? domain : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean isValid(String raw) {
        return canonicalOrNull(raw) != null;
    }

    /** The canonical form, for comparing signers. {@code raw} must be valid. */
    public static String canonical(String raw) {
        String canonical = canonicalOrNull(raw);
        if (canonical == null) {
            throw new IllegalArgumentException("not an email address");
        }
        return canonical;
    }

    private static String canonicalOrNull(String raw) {
        if (raw == null) {
            return null;
        }
        String email = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (email.isEmpty() || email.length() > MAX_LENGTH || email.codePoints().anyMatch(cp -> cp < 0x20 || cp == 0x7f)) {
            return null;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return null;
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (local.length() > MAX_LOCAL_LENGTH || !LOCAL.matcher(local).matches()) {
            return null;
        }
        String asciiDomain;
        try {
            asciiDomain = IDN.toASCII(domain.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (asciiDomain.length() > 253 || !ASCII_DOMAIN.matcher(asciiDomain).matches()) {
            return null;
        }
        String canonicalLocal = local.toLowerCase(Locale.ROOT);
        // "+tag" reaches the same mailbox at nearly every provider (and at any that lets its users
        // pick tags); the same signer must not count once per tag
        int plus = canonicalLocal.indexOf('+');
        boolean dotBlind = DOT_BLIND.contains(asciiDomain);
        // a local part that starts with "+" has no tag to fold ("+1@"), except at Gmail, which ignores it all
        if (plus > 0 || (plus == 0 && dotBlind)) {
            canonicalLocal = canonicalLocal.substring(0, plus);
        }
        if (dotBlind) {
            canonicalLocal = canonicalLocal.replace(".", "");
            asciiDomain = "gmail.com";
        }
        if (canonicalLocal.isEmpty()) {
            return null;
        }
        return canonicalLocal + "@" + asciiDomain;
    }
}
