/**
 * The small vocabulary of refusals every module throws; no HTTP here. {@code shared.web.Problems} maps each kind to
 * one RFC 9457 problem.
 */
package io.traveler.shared.errors;
