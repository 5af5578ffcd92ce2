package io.traveler.accounts.internal;

import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.security.PrincipalChanges;
import io.traveler.shared.tenancy.TenantContext;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The current organization's own record. Another organization's id is not found, whoever asks. */
@Service
public class OrganizationService {
    private final Organizations organizations;

    private final PrincipalChanges principals;

    OrganizationService(Organizations organizations, PrincipalChanges principals) {
        this.organizations = organizations;
        this.principals = principals;
    }

    @Transactional(readOnly = true)
    public Organization current(UUID id) {
        return find(id);
    }

    @Transactional
    public Organization rename(UUID id, ExpectedVersion expected, String name) {
        return VersionedChanges.change(organizations, find(id), expected, organization -> {
            organization.rename(name);
            principals.announce(PrincipalChanges.Scope.ORGANIZATION, id);
        });
    }

    private Organization find(UUID id) {
        if (!id.equals(TenantContext.orgId().orElse(null))) {
            throw NotFoundException.of("Organization", id);
        }
        return organizations.findById(id).orElseThrow(() -> NotFoundException.of("Organization", id));
    }
}
