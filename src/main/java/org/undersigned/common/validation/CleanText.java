package org.undersigned.common.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person could have typed: no control characters (line breaks only where
 * {@link #multiline()}), no bidirectional overrides, no zero-width characters. These hide or
 * reorder what a reader of the letter sees.
 */
@Documented
@Constraint(validatedBy = CleanTextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface CleanText {

    String message() default "must not contain control, bidirectional-override or zero-width characters";

    /** Whether line breaks and tabs are allowed (letter bodies, multi-line titles). */
    boolean multiline() default false;

    /** Whether a leading = + - @ is refused, as a spreadsheet would run it as a formula. */
    boolean noFormula() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
