package io.traveler.customers;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/** What the orders module may ask about a customer of the current organization before it takes an order. */
public interface CustomerStandings {
    /** A customer as an order sees it: its name, its status and its credit limit (null: none set). */
    record CustomerStanding(UUID id, String code, String name, String status, BigDecimal creditLimit) {
        public boolean isBlocked() {
            return "BLOCKED".equals(status);
        }
    }

    /** The customer of the current organization with this id, if there is one. */
    Optional<CustomerStanding> standingOf(UUID customerId);

    /** The customer of the current organization with this code, if there is one. */
    Optional<CustomerStanding> standingByCode(String code);
}
