package org.undersigned.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation whose answer holds a secret shown once (a partner's key, a portal session): the
 * answer is never stored for replay, where it would lie in the database in clear for two days, so
 * {@link Idempotency} ignores an {@code Idempotency-Key} on it; a retry is a new request.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SecretAnswer {
}
