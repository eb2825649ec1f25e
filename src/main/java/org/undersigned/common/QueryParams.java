package org.undersigned.common;

import org.undersigned.common.validation.CountryCodeValidator;
import org.undersigned.common.validation.LanguageTagValidator;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Filters in query strings: a value the API does not know is a 400 naming the parameter. */
public final class QueryParams {

    public static final int MAX_SEARCH_LENGTH = 200;

    private QueryParams() {
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String parameter) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(parameter, "must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static String country(String value) {
        if (!CountryCodeValidator.isCountry(value)) {
            throw ProblemException.invalid("country", "must be an ISO 3166-1 alpha-2 country code in upper case, such as KR");
        }
        return value;
    }

    /** A BCP 47 tag in its canonical case, so that pt-br finds pt-BR. */
    public static String language(String value, String parameter) {
        if (!new LanguageTagValidator().isValid(value, null)) {
            throw ProblemException.invalid(parameter, "must be a BCP 47 language tag, such as en or pt-BR");
        }
        return LanguageTagValidator.canonical(value);
    }

    /** A text search: at most {@value #MAX_SEARCH_LENGTH} characters. */
    public static String search(String q) {
        if (q.length() > MAX_SEARCH_LENGTH) {
            throw ProblemException.invalid("q", "must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        return q;
    }
}
