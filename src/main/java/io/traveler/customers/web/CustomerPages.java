package io.traveler.customers.web;

import io.traveler.customers.internal.Contact;
import io.traveler.customers.internal.Customer;
import io.traveler.customers.internal.CustomerService;
import io.traveler.customers.internal.CustomerService.ContactData;
import io.traveler.customers.internal.CustomerService.CustomerData;
import io.traveler.customers.internal.CustomerTransfers;
import io.traveler.customers.internal.Interaction;
import io.traveler.customers.internal.QuoteService;
import io.traveler.customers.internal.Timeline;
import io.traveler.shared.Quantity;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.Htmx;
import io.traveler.shared.web.JsonObjects;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Customers: a searchable list, a customer's page with its contacts, and the forms of both. */
@PageController
@RequestMapping("/app/customers")
class CustomerPages {
    private static final int TIMELINE_PAGE = 20;
    private final CustomerService customers;
    private final Timeline timeline;
    private final QuoteService quotes;
    private final CustomerTransfers transfers;

    CustomerPages(CustomerService customers, Timeline timeline, QuoteService quotes, CustomerTransfers transfers) {
        this.customers = customers;
        this.timeline = timeline;
        this.quotes = quotes;
        this.transfers = transfers;
    }

    /** The whole customer, so an empty optional field means none. */
    record CustomerForm(
            @Size(max = 50, message = "must be at most 50 characters")
            String code,

            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Email(message = "is not an e-mail address") @Size(max = 254, message = "is too long")
            String email,

            @Size(max = 50, message = "must be at most 50 characters")
            String phone,

            @BindParam("billing_address") @Size(max = 4000, message = "is too long")
            String billingAddress,

            @BindParam("shipping_address") @Size(max = 4000, message = "is too long")
            String shippingAddress,

            @Size(max = 2000, message = "are too long") String tags,
            @NotNull(message = "is required") Customer.Status status,

            @BindParam("payment_terms")
            @Min(value = 0, message = "must not be negative")
            @Max(value = 365, message = "must be at most 365 days")
            Integer paymentTerms,

            @BindParam("credit_limit") @DecimalMin(value = "0", message = "must not be negative") @Quantity
            BigDecimal creditLimit,

            @BindParam("tax_exempt") Boolean taxExempt,

            @BindParam("external_id") @Size(max = 100, message = "must be at most 100 characters")
            String externalId,

            Long version) {

        static CustomerForm blank() {
            return new CustomerForm("", "", "", "", "", "", "", Customer.Status.ACTIVE, 30, null, false, "", null);
        }

        static CustomerForm of(Customer c) {
            return new CustomerForm(
                    c.code(),
                    c.name(),
                    c.email(),
                    c.phone(),
                    c.billingAddress(),
                    c.shippingAddress(),
                    String.join(", ", c.tags()),
                    c.status(),
                    c.paymentTerms(),
                    c.creditLimit(),
                    c.taxExempt(),
                    c.externalId(),
                    c.version());
        }

        /** Tags are typed comma-separated; an empty code on a new customer takes the next number. */
        CustomerData data() {
            Set<String> cleared = Set.of(
                    "email",
                    "phone",
                    "billing_address",
                    "shipping_address",
                    "payment_terms",
                    "credit_limit",
                    "external_id");
            return new CustomerData(
                    code == null || code.isBlank() ? null : code,
                    name,
                    email,
                    phone,
                    JsonObjects.parse("billing_address", billingAddress),
                    JsonObjects.parse("shipping_address", shippingAddress),
                    tags == null || tags.isBlank() ? List.of() : Arrays.asList(tags.split(",")),
                    status,
                    paymentTerms,
                    creditLimit,
                    Boolean.TRUE.equals(taxExempt),
                    externalId,
                    cleared);
        }
    }

    record ContactForm(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Size(max = 100, message = "must be at most 100 characters")
            String role,

            @Email(message = "is not an e-mail address") @Size(max = 254, message = "is too long")
            String email,

            @Size(max = 50, message = "must be at most 50 characters")
            String phone,

            Boolean primary,
            Long version) {

        static ContactForm blank() {
            return new ContactForm("", "", "", "", false, null);
        }

        static ContactForm of(Contact c) {
            return new ContactForm(c.name(), c.role(), c.email(), c.phone(), c.primary(), c.version());
        }

        ContactData data() {
            return new ContactData(
                    name, role, email, phone, Boolean.TRUE.equals(primary), Set.of("role", "email", "phone"));
        }
    }

    // --- customers -------------------------------------------------------------------------------------------

    @GetMapping
    @PreAuthorize("hasAuthority('customers:read')")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Customer.Status status,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("statuses", Customer.Status.values());
        var filter = new CustomerService.CustomerFilter(q, status);
        return ListPages.of(request, model, "customers/customers")
                .filter("q", q)
                .filter("status", status)
                .show(cursor, page -> customers.list(page.request(CustomerService.SORTS.keySet(), "name"), filter));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('customers:read')")
    String customer(
            @PathVariable UUID id,
            @RequestParam(name = "timeline", required = false) String timelineCursor,
            Model model) {
        Customer customer = customers.customer(id);
        model.addAttribute("customer", customer);
        List<Contact> contacts = customers.contactsOf(id);
        model.addAttribute("contacts", contacts);
        var me = TravelerAuthentication.current().orElseThrow();
        model.addAttribute("quotes", me.can("quotes:read") ? QuotePages.recentOf(quotes, customer) : List.of());
        timelineOf(id, timelineCursor, contacts, model);
        return "customers/customer";
    }

    private void timelineOf(UUID id, String cursor, List<Contact> contacts, Model model) {
        model.addAttribute("timeline", timeline.of(id, TIMELINE_PAGE, cursor));
        model.addAttribute("interactionKinds", Interaction.Kind.values());
        model.addAttribute("zone", quotes.zone());
        Map<UUID, String> names = new HashMap<>();
        contacts.forEach(c -> names.put(c.id(), c.name()));
        model.addAttribute("contactNames", names);
    }

    /** Added from the customer page; htmx gets the timeline section back, a plain form the page. */
    @PostMapping("/{id}/interactions")
    @PreAuthorize("hasAuthority('customers:write')")
    String addInteraction(
            @PathVariable UUID id,
            @RequestParam(required = false) Interaction.Kind kind,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String body,
            @RequestParam(name = "contact_id", required = false) UUID contactId,
            HttpServletRequest request,
            Model model,
            RedirectAttributes flash) {
        if (!Htmx.wantsFragment(request)) {
            return Forms.act(
                    flash,
                    "/app/customers/" + id,
                    "Added to the timeline.",
                    () -> timeline.add(id, new Timeline.InteractionData(kind, subject, body, null, contactId)));
        }
        try {
            timeline.add(id, new Timeline.InteractionData(kind, subject, body, null, contactId));
        } catch (ValidationException e) {
            model.addAttribute(
                    Forms.ERROR,
                    e.errors().isEmpty()
                            ? e.getMessage()
                            : e.errors().get(0).field() + " "
                                    + e.errors().get(0).message());
        }
        Customer customer = customers.customer(id);
        model.addAttribute("customer", customer);
        List<Contact> contacts = customers.contactsOf(id);
        model.addAttribute("contacts", contacts);
        model.addAttribute("path", "/app/customers/" + id);
        timelineOf(id, null, contacts, model);
        return "customers/customer :: timeline";
    }

    @PostMapping("/{id}/interactions/{interactionId}/delete")
    @PreAuthorize("hasAuthority('customers:write')")
    String deleteInteraction(
            @PathVariable UUID id,
            @PathVariable UUID interactionId,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/customers/" + id,
                "Removed from the timeline.",
                () -> timeline.delete(id, interactionId, ExpectedVersion.ofNullable(version)));
    }

    // --- import and export ------------------------------------------------------------------------------------

    @PostMapping("/import")
    @PreAuthorize("hasAuthority('customers:write')")
    String importFile(@RequestParam(required = false) MultipartFile file, RedirectAttributes flash) {
        return Forms.act(flash, "/app/jobs", "Import started.", () -> {
            if (file == null || file.isEmpty()) {
                throw new ValidationException("file", "choose a CSV or JSON file");
            }
            String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
            String format = name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")
                            || String.valueOf(file.getContentType()).contains("json")
                    ? "json"
                    : "csv";
            try (InputStream content = file.getInputStream()) {
                transfers.startImport(format, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @PostMapping("/export")
    @PreAuthorize("hasAuthority('customers:read')")
    String export(
            @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Customer.Status status,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/jobs",
                "Export started; its file is on the jobs page when it is written.",
                () -> transfers.startExport(format, q, status));
    }

    @GetMapping({"/new", "/{id}/edit"})
    @PreAuthorize("hasAuthority('customers:write')")
    String edit(@PathVariable(required = false) UUID id, Model model) {
        return customerForm(model, id == null ? CustomerForm.blank() : CustomerForm.of(customers.customer(id)), id);
    }

    /** Adds ({@code POST /app/customers}) or changes ({@code POST /app/customers/{id}}) and shows the result. */
    @PostMapping({"", "/{id}"})
    @PreAuthorize("hasAuthority('customers:write')")
    String save(
            @PathVariable(required = false) UUID id,
            @Valid CustomerForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        return Forms.save(form, binding, model, () -> customerForm(model, form, id), () -> {
            Customer saved = id == null
                    ? customers.create(form.data())
                    : customers.change(id, ExpectedVersion.ofNullable(form.version()), form.data());
            return Forms.notice(
                    flash,
                    saved.name() + (id == null ? " added." : " saved."),
                    "redirect:/app/customers/" + saved.id());
        });
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('customers:write')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Customer customer = customers.customer(id);
        return Forms.confirm(
                model,
                "Delete " + customer.name() + "?",
                "Their contacts are deleted with them. This cannot be undone.",
                "/app/customers/" + id + "/delete",
                customer.version(),
                "/app/customers/" + id);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('customers:write')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/customers",
                "Customer deleted.",
                () -> customers.delete(id, ExpectedVersion.ofNullable(version)));
    }

    private String customerForm(Model model, CustomerForm form, UUID id) {
        CustomerForm shown = form == null ? CustomerForm.blank() : form;
        model.addAttribute("form", shown);
        model.addAttribute("customerId", id);
        model.addAttribute("heading", id == null ? "New customer" : "Edit " + shown.name());
        model.addAttribute("statuses", Customer.Status.values());
        return "customers/customer-form";
    }

    // --- contacts --------------------------------------------------------------------------------------------

    @GetMapping("/{id}/contacts/new")
    @PreAuthorize("hasAuthority('customers:write')")
    String newContact(@PathVariable UUID id, Model model) {
        return contactForm(model, id, ContactForm.blank(), null);
    }

    @PostMapping("/{id}/contacts")
    @PreAuthorize("hasAuthority('customers:write')")
    String addContact(
            @PathVariable UUID id,
            @Valid ContactForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        return Forms.save(form, binding, model, () -> contactForm(model, id, form, null), () -> {
            Contact added = customers.addContact(id, form.data());
            return Forms.notice(flash, added.name() + " added.", "redirect:/app/customers/" + id);
        });
    }

    @GetMapping("/{id}/contacts/{contactId}")
    @PreAuthorize("hasAuthority('customers:write')")
    String editContact(@PathVariable UUID id, @PathVariable UUID contactId, Model model) {
        return contactForm(model, id, ContactForm.of(customers.contact(id, contactId)), contactId);
    }

    @PostMapping("/{id}/contacts/{contactId}")
    @PreAuthorize("hasAuthority('customers:write')")
    String changeContact(
            @PathVariable UUID id,
            @PathVariable UUID contactId,
            @Valid ContactForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        return Forms.save(form, binding, model, () -> contactForm(model, id, form, contactId), () -> {
            Contact changed =
                    customers.changeContact(id, contactId, ExpectedVersion.ofNullable(form.version()), form.data());
            return Forms.notice(flash, changed.name() + " saved.", "redirect:/app/customers/" + id);
        });
    }

    @GetMapping("/{id}/contacts/{contactId}/delete")
    @PreAuthorize("hasAuthority('customers:write')")
    String confirmDeleteContact(@PathVariable UUID id, @PathVariable UUID contactId, Model model) {
        Contact contact = customers.contact(id, contactId);
        return Forms.confirm(
                model,
                "Remove " + contact.name() + "?",
                "They are no longer a contact of this customer.",
                "/app/customers/" + id + "/contacts/" + contactId + "/delete",
                contact.version(),
                "/app/customers/" + id);
    }

    @PostMapping("/{id}/contacts/{contactId}/delete")
    @PreAuthorize("hasAuthority('customers:write')")
    String deleteContact(
            @PathVariable UUID id,
            @PathVariable UUID contactId,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/customers/" + id,
                "Contact removed.",
                () -> customers.deleteContact(id, contactId, ExpectedVersion.ofNullable(version)));
    }

    private String contactForm(Model model, UUID customerId, ContactForm form, UUID contactId) {
        Customer customer = customers.customer(customerId);
        model.addAttribute("customer", customer);
        model.addAttribute("form", form == null ? ContactForm.blank() : form);
        model.addAttribute("contactId", contactId);
        model.addAttribute("heading", contactId == null ? "New contact of " + customer.name() : "Edit contact");
        return "customers/contact-form";
    }
}
