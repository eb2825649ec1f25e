package org.undersigned.common.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * OIDC is on exactly when an issuer is configured ({@code QUARKUS_OIDC_AUTH_SERVER_URL}): Quarkus'
 * default tenant is enabled unless told otherwise, and then refuses to start without an issuer, so
 * {@code quarkus.oidc.tenant-enabled} defaults here to whether one is set. An explicit setting wins.
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
@Priority(Priorities.APPLICATION)
public class OidcSwitch implements ConfigSourceInterceptor {

    static final String ENABLED = "quarkus.oidc.tenant-enabled";
    static final String ISSUER = "quarkus.oidc.auth-server-url";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!ENABLED.equals(name) || (value != null && !defaulted(value))) {
            return value;
        }
        ConfigValue issuer = context.proceed(ISSUER);
        boolean on = issuer != null && issuer.getValue() != null && !issuer.getValue().isBlank();
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(on)).withConfigSourceName("undersigned: OIDC when an issuer is set")
                .withConfigSourceOrdinal(Integer.MIN_VALUE + 1).build();
    }

    /** A value no one set: the extension's own default. */
    private static boolean defaulted(ConfigValue value) {
        return value.getConfigSourceOrdinal() <= Integer.MIN_VALUE || (value.getConfigSourceName() != null
                && value.getConfigSourceName().startsWith("DefaultValuesConfigSource"));
    }
}
