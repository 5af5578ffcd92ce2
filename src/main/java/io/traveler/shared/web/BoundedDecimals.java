package io.traveler.shared.web;

import java.math.BigDecimal;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Decimals in request bodies have at most {@value #MAX_DIGITS} digits before and after the point. JSON allows
 * {@code 1e999999999} and {@code 1e-999999999}; such a value overflows the database driver, the audit record's
 * {@code jsonb} or any arithmetic done with it, so it is refused as a malformed field when the body is read. Columns
 * are narrower still and check their own ranges.
 */
@Configuration(proxyBeanMethods = false)
class BoundedDecimals {
    static final int MAX_DIGITS = 40;

    @Bean
    JsonMapperBuilderCustomizer boundedDecimalsInBodies() {
        return builder -> builder.addModule(
                new SimpleModule("bounded-decimals").addDeserializer(BigDecimal.class, new Deserializer()));
    }

    static final class Deserializer extends NumberDeserializers.BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
            BigDecimal value = super.deserialize(parser, context);
            if (value != null && (value.scale() > MAX_DIGITS || value.precision() - value.scale() > MAX_DIGITS)) {
                throw InvalidFormatException.from(
                        parser,
                        "more than " + MAX_DIGITS + " digits before or after the point",
                        value,
                        BigDecimal.class);
            }
            return value;
        }
    }
}
