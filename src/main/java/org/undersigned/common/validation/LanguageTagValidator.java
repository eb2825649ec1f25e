package org.undersigned.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.IllformedLocaleException;
import java.util.Locale;

public class LanguageTagValidator implements ConstraintValidator<LanguageTag, String> {

    /** The tag in its canonical case ({@code pt-br} becomes {@code pt-BR}). */
    public static String canonical(String tag) {
        return new Locale.Builder().setLanguageTag(tag).build().toLanguageTag();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (value.length() > 35 || value.isBlank()) {
            return false;
        }
        try {
            return !canonical(value).equals("und");
        } catch (IllformedLocaleException e) {
            return false;
        }
    }
}
