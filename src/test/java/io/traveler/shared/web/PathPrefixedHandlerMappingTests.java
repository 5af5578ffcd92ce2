package io.traveler.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

class PathPrefixedHandlerMappingTests {
    private static RequestMappingInfo mapping(String... paths) {
        var options = new RequestMappingInfo.BuilderConfiguration();
        options.setPatternParser(PathPatternParser.defaultInstance);
        return RequestMappingInfo.paths(paths).options(options).build();
    }

    @Test
    void aPatternsLiteralBeginningEndsAtItsFirstVariableOrWildcard() {
        assertThat(PathPrefixedHandlerMapping.literalPrefixes(mapping("/api/stations/{id}")))
                .containsExactly("/api/stations/");
        assertThat(PathPrefixedHandlerMapping.literalPrefixes(mapping("/api/stations", "/webjars/**")))
                .containsExactlyInAnyOrder("/api/stations", "/webjars/");
        assertThat(PathPrefixedHandlerMapping.literalPrefixes(mapping("/s/{serial}/x?z")))
                .containsExactly("/s/");
        assertThat(PathPrefixedHandlerMapping.literalPrefixes(mapping("/{anything}")))
                .containsExactly("/");
    }
}
