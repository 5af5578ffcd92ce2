package io.traveler.customers.internal;

import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.SearchWords;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers and their contacts. A customer's code and e-mail address each name one customer of the organization
 * (409 otherwise); a customer has at most one primary contact, so making one primary demotes the other.
 */
@Service
public class CustomerService {
    public static final Map<String, String> SORTS = Map.of("name", "name", "code", "code", "created_at", "createdAt");
    /** A customer's people are listed whole, so their number is bounded. */
    public static final int MAX_CONTACTS = 200;
    /** The numbering series that gives a customer created without a code its code. */
    static final String CODE_SERIES = "customers";

    /**
     * A customer as sent: on creation a null means the default; on a change it means "keep", unless the field
     * is in {@code cleared} (sent as null).
     */
    public record CustomerData(
            String code,
            String name,
            String email,
            String phone,
            String billingAddress,
            String shippingAddress,
            List<String> tags,
            Customer.Status status,
            Integer paymentTerms,
            BigDecimal creditLimit,
            Boolean taxExempt,
            String externalId,
            Set<String> cleared) {}

    public record CustomerFilter(String q, Customer.Status status) {}

    public record ContactData(
            String name, String role, String email, String phone, Boolean primary, Set<String> cleared) {}

    private final Customers customers;
    private final Contacts contacts;
    private final QuoteStore quotes;
    private final OrganizationSettings settings;
    private final EntityManager em;

    CustomerService(
            Customers customers,
            Contacts contacts,
            QuoteStore quotes,
            OrganizationSettings settings,
            EntityManager em) {
        this.customers = customers;
        this.contacts = contacts;
        this.quotes = quotes;
        this.settings = settings;
        this.em = em;
    }

    // --- customers -------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ItemList<Customer> list(PageRequest page, CustomerFilter filter) {
        return KeysetPager.page(em, Customer.class, page, SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>(matching(root, cb, filter.q()));
            if (filter.status() != null) {
                where.add(cb.equal(root.get("status"), filter.status()));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
    }

    /** Every word of {@code q} appears in the code, the name or the e-mail address. */
    private static List<Predicate> matching(Root<Customer> root, CriteriaBuilder cb, String q) {
        List<Predicate> words = new ArrayList<>();
        for (String word : SearchWords.of(q)) {
            String pattern = SearchWords.containing(word);
            words.add(cb.or(
                    cb.like(cb.lower(root.get("code")), pattern, '\\'),
                    cb.like(cb.lower(root.get("name")), pattern, '\\'),
                    cb.like(cb.lower(root.get("email")), pattern, '\\')));
        }
        return words;
    }

    @Transactional(readOnly = true)
    public Customer customer(UUID id) {
        return customers.findById(id).orElseThrow(() -> NotFoundException.of("Customer", id));
    }

    /** The names of these customers, by id (for lists that show whose a row is). */
    @Transactional(readOnly = true)
    public Map<UUID, String> names(java.util.Collection<UUID> ids) {
        Map<UUID, String> names = new java.util.HashMap<>();
        customers.findAllById(Set.copyOf(ids)).forEach(c -> names.put(c.id(), c.code() + " · " + c.name()));
        return names;
    }

    @Transactional
    public Customer create(CustomerData data) {
        requireName(data.name(), true);
        requireCode(data.code());
        String code = data.code() == null
                ? settings.nextNumber(CODE_SERIES)
                : data.code().trim();
        requireFree(code, blankToNull(data.email()), null);
        var customer = new Customer(code, data.name());
        apply(customer, data);
        return customers.saveAndFlush(customer);
    }

    @Transactional
    public Customer change(UUID id, ExpectedVersion expected, CustomerData data) {
        return VersionedChanges.change(customers, customer(id), expected, customer -> {
            required(data.cleared(), "code", "name", "status");
            requireName(data.name(), false);
            requireCode(data.code());
            String code = data.code() == null ? customer.code() : data.code().trim();
            String email = data.email() == null
                    ? (data.cleared().contains("email") ? null : customer.email())
                    : blankToNull(data.email());
            requireFree(code, email, customer.id());
            customer.recode(code);
            if (data.name() != null) {
                customer.rename(data.name());
            }
            apply(customer, data);
        });
    }

    /**
     * A customer goes with its contacts (deleted one by one, so the audit trail records each) and its timeline; one
     * with quotes stays (409), since a quote is a record of what was offered.
     */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(customers, customer(id), expected, customer -> {
            if (quotes.existsByCustomerId(customer.id())) {
                throw new ConflictException(customer.name() + " has quotes and cannot be deleted; set it INACTIVE");
            }
            contacts.deleteAll(contacts.findByCustomerIdOrderByPrimaryDescNameAscIdAsc(customer.id()));
            contacts.flush();
        });
    }

    private void apply(Customer customer, CustomerData data) {
        Set<String> cleared = data.cleared();
        customer.reachAt(
                keep(data.email(), customer.email(), cleared, "email"),
                keep(data.phone(), customer.phone(), cleared, "phone"));
        customer.shipTo(
                keep(data.billingAddress(), customer.billingAddress(), cleared, "billing_address"),
                keep(data.shippingAddress(), customer.shippingAddress(), cleared, "shipping_address"));
        if (data.tags() != null || cleared.contains("tags")) {
            customer.tag(data.tags() == null ? List.of() : data.tags());
        }
        if (data.status() != null) {
            customer.changeStatus(data.status());
        }
        customer.sellOn(
                data.paymentTerms() != null || cleared.contains("payment_terms")
                        ? data.paymentTerms()
                        : customer.paymentTerms(),
                data.creditLimit() != null || cleared.contains("credit_limit")
                        ? data.creditLimit()
                        : customer.creditLimit(),
                data.taxExempt() != null ? data.taxExempt() : customer.taxExempt());
        customer.knownElsewhereAs(keep(data.externalId(), customer.externalId(), cleared, "external_id"));
    }

    /** The early, readable answer to a duplicate; the unique keys are the guarantee under concurrent creations. */
    private void requireFree(String code, String email, UUID self) {
        customers.findByCode(code).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw new ConflictException("A customer with the code " + code + " already exists");
        });
        if (email != null) {
            customers
                    .findByEmailIgnoringCase(email)
                    .filter(other -> !other.id().equals(self))
                    .ifPresent(other -> {
                        throw new ConflictException("A customer with the e-mail address " + email + " already exists");
                    });
        }
    }

    // --- contacts --------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<Contact> contactsOf(UUID customerId) {
        customer(customerId);
        return contacts.findByCustomerIdOrderByPrimaryDescNameAscIdAsc(customerId);
    }

    @Transactional(readOnly = true)
    public Contact contact(UUID customerId, UUID contactId) {
        customer(customerId);
        return contacts.findByIdAndCustomerId(contactId, customerId)
                .orElseThrow(() -> NotFoundException.of("Contact", contactId));
    }

    @Transactional
    public Contact addContact(UUID customerId, ContactData data) {
        requireName(data.name(), true);
        customer(customerId);
        if (contacts.countByCustomerId(customerId) >= MAX_CONTACTS) {
            throw new ConflictException("A customer has at most " + MAX_CONTACTS + " contacts");
        }
        var contact = new Contact(customerId, data.name());
        applyContact(contact, data);
        return contacts.saveAndFlush(contact);
    }

    @Transactional
    public Contact changeContact(UUID customerId, UUID contactId, ExpectedVersion expected, ContactData data) {
        return VersionedChanges.change(contacts, contact(customerId, contactId), expected, contact -> {
            required(data.cleared(), "name");
            requireName(data.name(), false);
            if (data.name() != null) {
                contact.rename(data.name());
            }
            applyContact(contact, data);
        });
    }

    @Transactional
    public void deleteContact(UUID customerId, UUID contactId, ExpectedVersion expected) {
        VersionedChanges.delete(contacts, contact(customerId, contactId), expected);
    }

    /** Making a contact primary demotes the customer's other primary first; the partial unique key guards races. */
    private void applyContact(Contact contact, ContactData data) {
        Set<String> cleared = data.cleared();
        contact.actAs(keep(data.role(), contact.role(), cleared, "role"));
        contact.reachAt(
                keep(data.email(), contact.email(), cleared, "email"),
                keep(data.phone(), contact.phone(), cleared, "phone"));
        if (Boolean.TRUE.equals(data.primary()) && !contact.primary()) {
            contacts.findByCustomerIdAndPrimaryTrue(contact.customerId())
                    .filter(other -> !other.id().equals(contact.id()))
                    .ifPresent(other -> {
                        other.makePrimary(false);
                        contacts.saveAndFlush(other);
                    });
        }
        if (data.primary() != null) {
            contact.makePrimary(data.primary());
        }
    }

    // --- shared rules ----------------------------------------------------------------------------------------

    private static void required(Set<String> cleared, String... fields) {
        for (String field : fields) {
            if (cleared.contains(field)) {
                throw new ValidationException(field, "is required");
            }
        }
    }

    private static void requireName(String name, boolean creating) {
        if (name == null ? creating : name.isBlank()) {
            throw new ValidationException("name", "is required");
        }
    }

    private static void requireCode(String code) {
        if (code != null && code.isBlank()) {
            throw new ValidationException("code", "must not be blank");
        }
    }

    private static String keep(String sent, String current, Set<String> cleared, String field) {
        if (sent != null) {
            return blankToNull(sent);
        }
        return cleared.contains(field) ? null : current;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
