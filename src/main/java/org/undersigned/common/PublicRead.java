package org.undersigned.common;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public read that a shared cache (a CDN, a reverse proxy) may keep and serve to anyone: the
 * letter, its summary, its public signatories, its page, badge, card and ledger head.
 * {@link SharedCaching} says for how long.
 */
@NameBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PublicRead {
}
