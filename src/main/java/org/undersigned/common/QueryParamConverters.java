package org.undersigned.common;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses the typed query parameters of {@link Query}, and enums; what does not parse is a 400 problem naming the parameter. */
@Provider
public class QueryParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = Arrays.stream(annotations == null ? new Annotation[0] : annotations)
                .filter(QueryParam.class::isInstance).map(a -> ((QueryParam) a).value()).findFirst().orElse(null);
        if (name == null) {
            return null; // path parameters and headers keep their own parsing
        }
        if (rawType.isEnum()) {
            return (ParamConverter<T>) converter(value -> enumValue((Class<? extends Enum>) rawType, value, name));
        }
        if (rawType == Paging.Cursor.class) {
            return (ParamConverter<T>) converter(Paging::cursor);
        }
        if (rawType == Query.PageSize.class) {
            return (ParamConverter<T>) converter(value -> new Query.PageSize(Paging.limit(value)));
        }
        if (rawType == Query.Country.class) {
            return (ParamConverter<T>) converter(value -> new Query.Country(QueryParams.country(value)));
        }
        if (rawType == Query.Language.class) {
            return (ParamConverter<T>) converter(value -> new Query.Language(QueryParams.language(value, name)));
        }
        if (rawType == Query.Search.class) {
            return (ParamConverter<T>) converter(value -> new Query.Search(QueryParams.search(value).strip()));
        }
        return null;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String parameter) {
        if (Query.Named.class.isAssignableFrom(type)) {
            for (E constant : type.getEnumConstants()) {
                if (((Query.Named) constant).wireName().equals(value)) {
                    return constant;
                }
            }
            throw ProblemException.invalid(parameter, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Query.Named) c).wireName()).collect(Collectors.joining(", ")));
        }
        return QueryParams.enumValue(type, value, parameter);
    }

    private static <T> ParamConverter<T> converter(Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                return value == null || value.isEmpty() ? null : parse.apply(value);
            }

            @Override
            public String toString(T value) {
                throw new UnsupportedOperationException("query parameters are only read");
            }
        };
    }
}
