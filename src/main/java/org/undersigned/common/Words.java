package org.undersigned.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Words in one language, kept as a UTF-8 properties file on the class path (the pages', the emails'). */
public final class Words {

    private Words() {
    }

    /** The words of {@code path}, by key, sorted; a missing file is a packaging error. */
    public static Map<String, String> load(String path) {
        try (InputStream in = Words.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> words = new LinkedHashMap<>();
            properties.stringPropertyNames().stream().sorted().forEach(k -> words.put(k, properties.getProperty(k)));
            return Map.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
