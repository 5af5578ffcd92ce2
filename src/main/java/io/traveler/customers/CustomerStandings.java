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

    /** The customers of the current organization among {@code customerIds}, by id, in one query. */
    java.util.Map<UUID, CustomerStanding> standingsOf(java.util.Collection<UUID> customerIds);

    /** The customers an order form offers, by name: at most {@code limit}, blocked ones included (marked). */
    java.util.List<CustomerStanding> choices(int limit);

    /** The customer of the current organization with this code, if there is one. */
    Optional<CustomerStanding> standingByCode(String code);
}
