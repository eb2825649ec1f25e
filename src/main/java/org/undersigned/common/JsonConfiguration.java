package org.undersigned.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * PATCH bodies tell an absent property (leave as is) from an explicit {@code null} (clear it):
 * an absent {@code Optional} record component reads as {@code null}, a JSON null as empty.
 */
@Singleton
public class JsonConfiguration implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(MapperFeature.IGNORE_DUPLICATE_MODULE_REGISTRATIONS);
        mapper.registerModule(new Jdk8Module().configureReadAbsentAsNull(true));
        mapper.enable(MapperFeature.IGNORE_DUPLICATE_MODULE_REGISTRATIONS);
        // {"name": "a", "name": "b"} means two things: refused (400), never a guess at which one counts
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
