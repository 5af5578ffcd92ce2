#!/usr/bin/env python3
"""Lines of one CRUD child resource, end to end: the customers' contacts (built on the module kit) against the
catalog's supplier variants at 8937a47 (before the kit), a resource of the same shape (a child of another record,
listed on its parent's page, with a form, a REST API of list/create/get/patch/delete, and tests).

Each entry is (file, first line matching `start` .. the line before the one matching `end`), or the whole file.
Run from the repository root: python3 bench/resource-lines.py"""
import re
import subprocess

BEFORE = "8937a47"

CONTACTS = [
    ("src/main/resources/db/migration/customers/V1__customers_and_contacts.sql", r"^-- A customer's people", r"^do \$\$"),
    ("src/main/java/io/traveler/customers/internal/Contact.java", None, None),
    ("src/main/java/io/traveler/customers/internal/Contacts.java", None, None),
    ("src/main/java/io/traveler/customers/internal/CustomerService.java", r"public record ContactData\(", r"private final Customers"),
    ("src/main/java/io/traveler/customers/internal/CustomerService.java", r"// --- contacts", r"// --- shared rules"),
    ("src/main/java/io/traveler/customers/web/CustomersController.java", r"record ContactView\(", r"// --- customers"),
    ("src/main/java/io/traveler/customers/web/CustomersController.java", r"// --- contacts", None),
    ("src/main/java/io/traveler/customers/web/CustomerPages.java", r"record ContactForm\(", r"// --- customers"),
    ("src/main/java/io/traveler/customers/web/CustomerPages.java", r"// --- contacts", None),
    ("src/main/resources/templates/customers/contact-form.html", None, None),
    ("src/main/resources/templates/customers/customer.html", r'<section class="section">', r"</main>"),
    ("src/test/java/io/traveler/customers/CustomerApiTests.java", r"void aCustomerHasAtMostOnePrimaryContact", r"void anotherOrganizationsCustomerAndContactsAreNotFound"),
    ("src/test/java/io/traveler/web/CustomerBrowserTests.java", r"private void addContact", r"private String fieldText"),
]

SUPPLIER_VARIANTS = [
    ("src/main/resources/db/migration/catalog/V3__variants.sql", r"^-- How a partner factory knows", r"^do \$\$"),
    ("src/main/java/io/traveler/catalog/internal/SupplierVariant.java", None, None),
    ("src/main/java/io/traveler/catalog/internal/SupplierVariants.java", None, None),
    ("src/main/java/io/traveler/catalog/internal/VariantService.java", r"public record SupplierVariantData\(", r"// --- variants"),
    ("src/main/java/io/traveler/catalog/internal/VariantService.java", r"// --- supplier variants", None),
    ("src/main/java/io/traveler/catalog/web/VariantsController.java", r"record SupplierVariantView\(", r"// --- variants"),
    ("src/main/java/io/traveler/catalog/web/VariantsController.java", r"// --- supplier variants", None),
    ("src/main/java/io/traveler/catalog/web/VariantPages.java", r"record SupplierVariantForm\(", r"// --- variants"),
    ("src/main/java/io/traveler/catalog/web/VariantPages.java", r"// --- supplier variants", None),
    ("src/main/resources/templates/catalog/supplier-variant.html", None, None),
    ("src/main/resources/templates/catalog/variant.html", r'<section class="section" th:if="\$\{variant != null\}">', r"</main>"),
    ("src/test/java/io/traveler/catalog/VariantApiTests.java", r"void supplierVariantsMapAVariantToFactories", None),
]


def text(path, commit):
    if commit is None:
        return open(path, encoding="utf-8").read()
    return subprocess.run(["git", "show", f"{commit}:{path}"], capture_output=True, text=True, check=True).stdout


def section(lines, start, end):
    if start is None:
        return lines
    first = next(i for i, line in enumerate(lines) if re.search(start, line))
    if end is None:
        return lines[first:]
    last = next(i for i in range(first + 1, len(lines)) if re.search(end, lines[i]))
    return lines[first:last]


def count(entries, commit):
    total = code = 0
    kinds = {}
    for path, start, end in entries:
        lines = section(text(path, commit).splitlines(), start, end)
        nonblank = [line for line in lines if line.strip()]
        total += len(lines)
        code += len(nonblank)
        kind = "test" if "/test/" in path else path.rsplit(".", 1)[1]
        kinds[kind] = kinds.get(kind, 0) + len(nonblank)
        print(f"  {len(nonblank):4d}  {path}" + (f"  [{start} .. {end or 'end'}]" if start else ""))
    print(f"  {code:4d}  non-blank lines ({total} with blanks); by kind: {kinds}")
    return code


print("Contacts (customers module, on the kit):")
contacts = count(CONTACTS, None)
print(f"\nSupplier variants at {BEFORE} (before the kit):")
before = count(SUPPLIER_VARIANTS, BEFORE)
print(f"\nratio contacts / supplier variants: {contacts / before:.2f}")
