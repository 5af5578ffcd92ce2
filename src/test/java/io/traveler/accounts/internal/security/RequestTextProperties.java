package io.traveler.accounts.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's text checks and the bearer-token reader decide exactly as the Spring Security code they replace
 * (its regular expressions), on generated text mixing the characters each rule is about.
 */
class RequestTextProperties {
    private final DefaultBearerTokenResolver springResolver = new DefaultBearerTokenResolver();
    private final BearerTokens bearerTokens = new BearerTokens();

    @Property(tries = 3000)
    void headerNamesAndParameterNamesAreCheckedAsTheFirewallDoes(@ForAll("text") String text) {
        assertThat(FirewallText.assignedAndNotControl(text))
                .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text))
                .isEqualTo(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(text));
    }

    @Property(tries = 3000)
    void headerValuesAreCheckedAsTheFirewallDoes(@ForAll("text") String text) {
        assertThat(FirewallText.headerValue(text)).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
    }

    @Property(tries = 5000)
    void aBearerHeaderIsReadAsSpringSecurityReadsIt(@ForAll("authorization") String authorization) {
        assertThat(outcome(bearerTokens, authorization)).isEqualTo(outcome(springResolver, authorization));
    }

    @Example
    void aMalformedBearerHeaderIsRefusedAndOtherSchemesAreLeftAlone() {
        assertThatThrownBy(() -> bearerTokens.resolve(request("Bearer a b")))
                .isInstanceOf(OAuth2AuthenticationException.class);
        assertThat(bearerTokens.resolve(request("ApiKey abc"))).isNull();
        assertThat(bearerTokens.resolve(request("bEaReR eyJ.abc-_~+/=="))).isEqualTo("eyJ.abc-_~+/==");
    }

    private static String outcome(
            org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver,
            String authorization) {
        try {
            return "token " + resolver.resolve(request(authorization));
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getDescription();
        }
    }

    private static MockHttpServletRequest request(String authorization) {
        var request = new MockHttpServletRequest("GET", "/api/stations");
        request.addHeader("Authorization", authorization);
        return request;
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars("aZ \t\n\r\u0000\u007f\u0085\u00a0\u00e9\u0378\u2028\ud800\udc00\ufffe\uffff\u200b")
                        .ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().ascii().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> authorization() {
        Arbitrary<String> scheme =
                Arbitraries.of("Bearer", "bearer", "BEARER", "Bearer ", "Bearerx", "Basic", "ApiKey", "");
        Arbitrary<String> body =
                Arbitraries.strings().withChars("abcXYZ019-._~+/= \t%!é").ofMaxLength(20);
        return scheme.flatMap(s -> body.map(b -> s + (s.isEmpty() ? "" : " ") + b));
    }
}
