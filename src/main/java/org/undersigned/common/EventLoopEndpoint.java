package org.undersigned.common;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that runs on the event loop (it returns a {@code Uni}), such as signing. Its
 * body is read, without blocking, before the filters that need it ({@link Idempotency}), and
 * those filters do their blocking work through {@link OffTheEventLoop}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface EventLoopEndpoint {
}
