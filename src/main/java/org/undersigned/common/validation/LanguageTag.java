package org.undersigned.common.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A well-formed BCP 47 language tag, such as {@code en}, {@code ko} or {@code pt-BR}. */
@Documented
@Constraint(validatedBy = LanguageTagValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface LanguageTag {

    String message() default "must be a BCP 47 language tag, such as en or pt-BR";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
