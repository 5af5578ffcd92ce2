package io.traveler.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.errors.StaleVersionException;
import io.traveler.shared.errors.VersionRequiredException;
import io.traveler.shared.jpa.ExpectedVersion;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

class ExpectedVersionResolverTests {
    private final ExpectedVersions.Resolver resolver = new ExpectedVersions.Resolver();

    @SuppressWarnings("unused")
    void handler(ExpectedVersion expected, String other) {}

    private static MethodParameter parameter(int index) throws NoSuchMethodException {
        Method handler =
                ExpectedVersionResolverTests.class.getDeclaredMethod("handler", ExpectedVersion.class, String.class);
        return new MethodParameter(handler, index);
    }

    private ExpectedVersion resolve(String... ifMatch) throws Exception {
        var request = new MockHttpServletRequest("PATCH", "/api/things/1");
        for (String value : ifMatch) {
            request.addHeader("If-Match", value);
        }
        return resolver.resolveArgument(parameter(0), null, new ServletWebRequest(request), null);
    }

    @Test
    void onlyAnExpectedVersionParameterIsResolvedFromTheHeader() throws Exception {
        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.supportsParameter(parameter(1))).isFalse();
    }

    @Test
    void aChangeWithoutIfMatchIsRefusedAsPreconditionRequiredButAnActionGoesAhead() throws Exception {
        for (ExpectedVersion missing : new ExpectedVersion[] {resolve(), resolve("  ")}) {
            assertThat(missing.isGiven()).isFalse();
            assertThatThrownBy(() -> missing.require(4)).isInstanceOf(VersionRequiredException.class);
            assertThatCode(() -> missing.checkIfGiven(4)).doesNotThrowAnyException();
        }
    }

    @Test
    void aWeakTagOfTheCurrentVersionMatchesLikeAStrongOne() throws Exception {
        assertThatCode(() -> resolve("W/\"4\"").require(4)).doesNotThrowAnyException();
        assertThatCode(() -> resolve("\"4\"").require(4)).doesNotThrowAnyException();
    }

    @Test
    void aStarMatchesWhateverVersionIsCurrent() throws Exception {
        assertThatCode(() -> resolve(" * ").require(17)).doesNotThrowAnyException();
    }

    @Test
    void aListMatchesWhenAnyOfItsTagsIsCurrentAcrossHeaderLines() throws Exception {
        assertThatCode(() -> resolve("\"1\", W/\"2\" , \"3\"").require(2)).doesNotThrowAnyException();
        assertThatCode(() -> resolve("\"1\"", "\"3\"").require(3)).doesNotThrowAnyException();
    }

    @Test
    void aStaleOrForeignTagIsRefusedAsPreconditionFailedEvenForAnAction() throws Exception {
        assertThatThrownBy(() -> resolve("\"3\"").require(4)).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> resolve("\"1\", W/\"3\"").checkIfGiven(4)).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> resolve("4").require(4)).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> resolve("\"04\"").require(4)).isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> resolve("*, \"3\"").require(4)).isInstanceOf(StaleVersionException.class);
    }

    @Test
    void aFormVersionIsRequiredLikeAnIfMatch() {
        assertThatThrownBy(() -> ExpectedVersion.ofNullable(null).require(1))
                .isInstanceOf(VersionRequiredException.class);
        assertThatThrownBy(() -> ExpectedVersion.ofNullable(0L).require(1)).isInstanceOf(StaleVersionException.class);
        assertThatCode(() -> ExpectedVersion.ofNullable(1L).require(1)).doesNotThrowAnyException();
    }
}
