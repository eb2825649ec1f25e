package org.undersigned.organiser;

import java.time.Instant;

/** A session from a sign-in link: a bearer token, shown once, kept only as its hash. */
public record AccountSession(String accessToken, Instant expiresAt) {
}
