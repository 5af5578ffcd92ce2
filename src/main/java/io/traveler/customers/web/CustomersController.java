package io.traveler.customers.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.customers.internal.Contact;
import io.traveler.customers.internal.Customer;
import io.traveler.customers.internal.CustomerService;
import io.traveler.customers.internal.CustomerService.ContactData;
import io.traveler.customers.internal.CustomerService.CustomerData;
import io.traveler.shared.Quantity;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.JsonObjects;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "Customers")
@RestController
class CustomersController {
    private final CustomerService customers;

    CustomersController(CustomerService customers) {
        this.customers = customers;
    }

    record CustomerView(
            UUID id,
            String code,
            String name,
            String email,
            String phone,
            JsonNode billingAddress,
            JsonNode shippingAddress,
            List<String> tags,
            Customer.Status status,
            Integer paymentTerms,
            BigDecimal creditLimit,
            boolean taxExempt,
            String externalId,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(
                    c.id(),
                    c.code(),
                    c.name(),
                    c.email(),
                    c.phone(),
                    JsonObjects.read(c.billingAddress()),
                    JsonObjects.read(c.shippingAddress()),
                    c.tags(),
                    c.status(),
                    c.paymentTerms(),
                    c.creditLimit(),
                    c.taxExempt(),
                    c.externalId(),
                    c.version(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }

    /** A customer as sent: the name is required on creation; in a PATCH a field left out stays, null clears. */
    record CustomerBody(
            @Size(min = 1, max = 50) String code,
            @Size(min = 1, max = 200) String name,
            @Email @Size(max = 254) String email,
            @Size(max = 50) String phone,
            JsonNode billingAddress,
            JsonNode shippingAddress,
            @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
            Customer.Status status,
            @Min(0) @Max(365) Integer paymentTerms,
            @DecimalMin("0") @Quantity BigDecimal creditLimit,
            Boolean taxExempt,
            @Size(min = 1, max = 100) String externalId) {

        CustomerData data(Set<String> cleared) {
            return new CustomerData(
                    code,
                    name,
                    email,
                    phone,
                    JsonObjects.text("billing_address", billingAddress),
                    JsonObjects.text("shipping_address", shippingAddress),
                    tags,
                    status,
                    paymentTerms,
                    creditLimit,
                    taxExempt,
                    externalId,
                    cleared);
        }
    }

    record ContactView(
            UUID id,
            UUID customerId,
            String name,
            String role,
            String email,
            String phone,
            boolean primary,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static ContactView of(Contact c) {
            return new ContactView(
                    c.id(),
                    c.customerId(),
                    c.name(),
                    c.role(),
                    c.email(),
                    c.phone(),
                    c.primary(),
                    c.version(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }

    record ContactBody(
            @Size(min = 1, max = 200) String name,
            @Size(max = 100) String role,
            @Email @Size(max = 254) String email,
            @Size(max = 50) String phone,
            Boolean primary) {
        ContactData data(Set<String> cleared) {
            return new ContactData(name, role, email, phone, primary, cleared);
        }
    }

    // --- customers -------------------------------------------------------------------------------------------

    @Operation(summary = "List or search customers")
    @GetMapping("/api/customers")
    @PreAuthorize("hasAuthority('customers:read')")
    ItemList<CustomerView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Customer.Status status) {
        var page = PageRequest.of(limit, cursor, sort, CustomerService.SORTS.keySet(), "name");
        return customers
                .list(page, new CustomerService.CustomerFilter(q, status))
                .map(CustomerView::of);
    }

    @Operation(summary = "Create a customer")
    @PostMapping("/api/customers")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<CustomerView> create(@Valid @RequestBody CustomerBody body) {
        Customer created = customers.create(body.data(Set.of()));
        return Versions.created("/api/customers/" + created.id(), created.version(), CustomerView.of(created));
    }

    @Operation(summary = "Get a customer")
    @GetMapping("/api/customers/{id}")
    @PreAuthorize("hasAuthority('customers:read')")
    ResponseEntity<CustomerView> get(@PathVariable UUID id) {
        Customer found = customers.customer(id);
        return Versions.ok(found.version(), CustomerView.of(found));
    }

    @Operation(summary = "Change a customer")
    @PatchMapping("/api/customers/{id}")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<CustomerView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody CustomerBody body) {
        Customer changed = customers.change(id, expected, body.data(ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), CustomerView.of(changed));
    }

    @Operation(summary = "Delete a customer and its contacts")
    @DeleteMapping("/api/customers/{id}")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        customers.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    // --- contacts --------------------------------------------------------------------------------------------

    @Operation(summary = "List a customer's contacts, the primary first")
    @GetMapping("/api/customers/{id}/contacts")
    @PreAuthorize("hasAuthority('customers:read')")
    ItemList<ContactView> contacts(@PathVariable UUID id) {
        return new ItemList<>(
                customers.contactsOf(id).stream().map(ContactView::of).toList(), null);
    }

    @Operation(summary = "Add a contact to a customer")
    @PostMapping("/api/customers/{id}/contacts")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<ContactView> addContact(@PathVariable UUID id, @Valid @RequestBody ContactBody body) {
        Contact added = customers.addContact(id, body.data(Set.of()));
        return Versions.created(
                "/api/customers/" + id + "/contacts/" + added.id(), added.version(), ContactView.of(added));
    }

    @Operation(summary = "Get a customer's contact")
    @GetMapping("/api/customers/{id}/contacts/{contactId}")
    @PreAuthorize("hasAuthority('customers:read')")
    ResponseEntity<ContactView> contact(@PathVariable UUID id, @PathVariable UUID contactId) {
        Contact found = customers.contact(id, contactId);
        return Versions.ok(found.version(), ContactView.of(found));
    }

    @Operation(summary = "Change a customer's contact")
    @PatchMapping("/api/customers/{id}/contacts/{contactId}")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<ContactView> changeContact(
            @PathVariable UUID id,
            @PathVariable UUID contactId,
            ExpectedVersion expected,
            @Valid @RequestBody ContactBody body) {
        Contact changed = customers.changeContact(id, contactId, expected, body.data(ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), ContactView.of(changed));
    }

    @Operation(summary = "Remove a customer's contact")
    @DeleteMapping("/api/customers/{id}/contacts/{contactId}")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<Void> deleteContact(@PathVariable UUID id, @PathVariable UUID contactId, ExpectedVersion expected) {
        customers.deleteContact(id, contactId, expected);
        return ResponseEntity.noContent().build();
    }
}
