package io.traveler.accounts.internal;

import io.traveler.accounts.OrganizationKind;
import io.traveler.accounts.PartnershipAccepted;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.TenantContext;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Brand ↔ factory partnerships: a brand invites, the factory accepts, either ends. */
@Service
public class PartnershipService {
    private final Partnerships partnerships;
    private final Organizations organizations;
    private final ApplicationEventPublisher events;

    PartnershipService(Partnerships partnerships, Organizations organizations, ApplicationEventPublisher events) {
        this.partnerships = partnerships;
        this.organizations = organizations;
        this.events = events;
    }

    public record View(Partnership partnership, String brandName, String factoryName) {}

    @Transactional(readOnly = true)
    public List<View> list() {
        UUID orgId = TenantContext.requireOrgId();
        return partnerships
                .findByBrandOrgIdOrFactoryOrgId(
                        orgId, orgId, Sort.by("createdAt").descending())
                .stream()
                .map(this::view)
                .toList();
    }

    @Transactional(readOnly = true)
    public View get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public View invite(UUID factoryOrgId, String note) {
        UUID brandId = TenantContext.requireOrgId();
        Organization brand = organizations.findById(brandId).orElseThrow();
        if (brand.kind() != OrganizationKind.BRAND) {
            throw new ConflictException("Only a BRAND organization invites factories; this one is a " + brand.kind());
        }
        Organization factory = organizations
                .findById(factoryOrgId)
                .filter(o -> o.kind() == OrganizationKind.FACTORY)
                .orElseThrow(() -> new ValidationException("factory_org_id", "is not a FACTORY organization"));
        boolean open = partnerships.existsByBrandOrgIdAndFactoryOrgIdAndStatusNot(
                brandId, factory.id(), Partnership.Status.ENDED);
        if (open) {
            throw new ConflictException("A partnership with this factory is already pending or active");
        }
        UUID inviter = TenantContext.actorId().orElseThrow();
        return view(partnerships.saveAndFlush(new Partnership(brandId, factory.id(), inviter, note)));
    }

    @Transactional
    public View accept(UUID id, ExpectedVersion expected) {
        Partnership partnership = find(id);
        expected.checkIfGiven(partnership.version());
        partnership.acceptBy(TenantContext.requireOrgId());
        partnerships.saveAndFlush(partnership);
        events.publishEvent(new PartnershipAccepted(id, partnership.brandOrgId(), partnership.factoryOrgId()));
        return view(partnership);
    }

    @Transactional
    public View end(UUID id, ExpectedVersion expected) {
        Partnership partnership = find(id);
        expected.checkIfGiven(partnership.version());
        partnership.end();
        return view(partnerships.saveAndFlush(partnership));
    }

    /** Row-level security hides other organizations' partnerships; the check here says so in Java too. */
    private Partnership find(UUID id) {
        UUID orgId = TenantContext.requireOrgId();
        return partnerships
                .findById(id)
                .filter(p -> p.involves(orgId))
                .orElseThrow(() -> NotFoundException.of("Partnership", id));
    }

    private View view(Partnership p) {
        return new View(
                p,
                organizations.findById(p.brandOrgId()).map(Organization::name).orElse(null),
                organizations.findById(p.factoryOrgId()).map(Organization::name).orElse(null));
    }
}
