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

    @Test
    void aMappingIsFiledUnderTheFirstTwoSegmentsItsPatternsBeginWithWhole() {
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/api/stations/{id}")))
                .isEqualTo("/api/stations");
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/api/stations")))
                .isEqualTo("/api/stations");
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/api/stations/", "/api/stations/{id}/queue")))
                .isEqualTo("/api/stations");
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/app/orders/{id}/edit")))
                .isEqualTo("/app/orders");
    }

    @Test
    void aMappingWhoseBeginningDoesNotHoldTwoWholeSegmentsIsLeftForEveryLookup() {
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/api/{kind}"))).isNull();
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/api/stat{x}/queue")))
                .isNull();
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/login"))).isNull();
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/webjars/**"))).isNull();
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/s/{serial}"))).isNull();
        assertThat(PathPrefixedHandlerMapping.filingKey(mapping("/api/stations/{id}", "/api/units/{id}")))
                .isNull();
    }

    @Test
    void aPathIsLookedUpByItsFirstTwoSegments() {
        assertThat(PathPrefixedHandlerMapping.firstTwoSegments("/api/stations/0b7d/queue"))
                .isEqualTo("/api/stations");
        assertThat(PathPrefixedHandlerMapping.firstTwoSegments("/api/stations")).isEqualTo("/api/stations");
        assertThat(PathPrefixedHandlerMapping.firstTwoSegments("/api/stations/"))
                .isEqualTo("/api/stations");
        assertThat(PathPrefixedHandlerMapping.firstTwoSegments("/login")).isEqualTo("/login");
    }
}
