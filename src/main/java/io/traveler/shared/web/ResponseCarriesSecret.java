package io.traveler.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose successful response carries a secret shown once (a new API key, an MFA seed). The idempotency
 * store never keeps such a body: it records that the first request succeeded, and a replay of its key is refused with
 * 409 {@code idempotent-response-withheld} rather than answered with the secret a second time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ResponseCarriesSecret {}
