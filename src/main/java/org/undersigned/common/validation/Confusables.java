package org.undersigned.common.validation;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

import java.util.regex.Pattern;

/**
 * Text that looks alike is the same text: what stays of a name once invisible characters are gone
 * and each character is mapped to the one it is confused with (Unicode TR39 skeletons, from ICU4J).
 * "Amnesty", "Аmnesty" (Cyrillic А) and "Am\u200Bnesty" (a zero-width space) are one organisation.
 */
public final class Confusables {

    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");

    private Confusables() {
    }

    /**
     * Characters that show nothing or only steer layout: default-ignorable code points (zero-width
     * spaces and joiners, variation selectors, soft hyphens, tag characters) and format characters
     * (bidirectional controls and marks, the byte-order mark, invisible operators).
     */
    public static boolean invisible(int codePoint) {
        return UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || UCharacter.getType(codePoint) == UCharacter.FORMAT;
    }

    /** The text without its invisible characters. */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !invisible(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * The key two look-alike texts share: invisible characters removed, compatibility forms and case
     * folded, TR39 skeleton, then runs of anything but letters and digits as one space. Once case is
     * folded a capital I written as a small l ("lnternational") no longer looks like the i it
     * stands for, so l and i count as one letter too.
     */
    public static String skeleton(String text) {
        // punctuation and spacing go first: the skeleton maps some (a dash) to letters of other scripts
        String folded = NOT_WORD.matcher(NFKC_CASEFOLD.normalize(visible(text))).replaceAll(" ");
        String skeleton = SPOOF.getSkeleton(folded).replace('l', 'i');
        StringBuilder out = new StringBuilder(skeleton.length());
        boolean gap = false;
        for (int i = 0; i < skeleton.length(); ) {
            int cp = skeleton.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (gap && !out.isEmpty()) out.append(' ');
                out.appendCodePoint(cp);
                gap = false;
            } else if (!invisible(cp) && UCharacter.getType(cp) != UCharacter.NON_SPACING_MARK) {
                gap = true;
            }
        }
        return out.toString();
    }
}
