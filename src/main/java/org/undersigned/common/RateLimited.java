package org.undersigned.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an operation costs, for the rate limits ({@link RateLimiter}). Every operation is limited:
 * one without this annotation costs {@link Cost#READ} when it reads (GET) and {@link Cost#WRITE}
 * otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    Cost value();

    /** Classes of cost, each with its own budget per client address (anonymous) and per key. */
    enum Cost {
        /** Reads served from memory or one indexed query. */
        READ,
        /** A signature, or a signer's token. */
        SIGN,
        /** A rendering of the letter (PDF above all): CPU and memory. */
        DOCUMENT,
        /** A signature export: streams every row. */
        EXPORT,
        /** Any other write. */
        WRITE
    }
}
