package org.undersigned.common.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an operation needs. The door refuses, before the request is read, an anonymous
 * caller (401) and a caller who holds the permission in no scope (403); the REST layer checks it
 * again. An operation without it is public. How far the caller holds it is the service's question
 * ({@link Access}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Requires {
    Permission value();
}
