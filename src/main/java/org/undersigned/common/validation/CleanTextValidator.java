package org.undersigned.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class CleanTextValidator implements ConstraintValidator<CleanText, String> {

    private boolean multiline;
    private boolean noFormula;

    @Override
    public void initialize(CleanText annotation) {
        this.multiline = annotation.multiline();
        this.noFormula = annotation.noFormula();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (noFormula && !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must not start with = + - or @").addConstraintViolation();
            return false;
        }
        return value.codePoints().allMatch(this::allowed);
    }

    private boolean allowed(int cp) {
        if (cp == '\n' || cp == '\r' || cp == '\t') {
            return multiline;
        }
        if (Character.isISOControl(cp)) {
            return false;
        }
        return switch (cp) {
            // zero-width space, non-joiner, joiner; word joiner; byte-order mark
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF -> false;
            // left-to-right / right-to-left marks, embeddings, overrides and isolates
            case 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069 -> false;
            default -> Character.getType(cp) != Character.UNASSIGNED && Character.getType(cp) != Character.SURROGATE;
        };
    }
}
