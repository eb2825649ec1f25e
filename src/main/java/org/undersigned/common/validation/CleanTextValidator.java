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
        if (Confusables.invisible(cp)) {
            // zero-width characters, joiners, bidirectional controls, variation selectors, soft
            // hyphens, tag characters: they hide text, reorder it, or make a name pass as another
            return false;
        }
        int type = Character.getType(cp);
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            // U+2028 and U+2029 break a line wherever text is shown as lines (the text document),
            // so a one-line field could forge a line of its own; multi-line fields take \n only
            return false;
        }
        return type != Character.UNASSIGNED && type != Character.SURROGATE && type != Character.PRIVATE_USE;
    }
}
