package io.traveler.accounts.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The location tree: a site holds areas, an area holds bins. */
@Service
public class LocationService {
    public static final Map<String, String> SORTS = Map.of("code", "code", "name", "name", "created_at", "createdAt");

    private final Locations locations;
    private final Stations stations;
    private final EntityManager em;

    LocationService(Locations locations, Stations stations, EntityManager em) {
        this.locations = locations;
        this.stations = stations;
        this.em = em;
    }

    @Transactional(readOnly = true)
    public ItemList<Location> list(PageRequest page, UUID parentId, Location.Kind kind) {
        return KeysetPager.page(em, Location.class, page, SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (parentId != null) {
                where.add(cb.equal(root.get("parentId"), parentId));
            }
            if (kind != null) {
                where.add(cb.equal(root.get("kind"), kind));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
    }

    /** The whole tree at once, by code, for the tree page and for choosing a location in a form. */
    @Transactional(readOnly = true)
    public List<Location> all() {
        return locations.findAll(Sort.by("code", "id"));
    }

    @Transactional(readOnly = true)
    public Location get(UUID id) {
        return locations.findById(id).orElseThrow(() -> NotFoundException.of("Location", id));
    }

    @Transactional
    public Location create(String code, String name, Location.Kind kind, UUID parentId) {
        checkParent(kind, parentId);
        return locations.saveAndFlush(new Location(code, name, kind, parentId));
    }

    @Transactional
    public Location change(UUID id, ExpectedVersion expected, String code, String name) {
        return VersionedChanges.change(locations, get(id), expected, location -> location.rename(code, name));
    }

    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(locations, get(id), expected, location -> {
            if (locations.existsByParentId(id)) {
                throw new ConflictException("This location still holds other locations; remove them first");
            }
            if (stations.existsByLocationId(id)) {
                throw new ConflictException("A station is at this location; move it first");
            }
        });
    }

    private void checkParent(Location.Kind kind, UUID parentId) {
        Location.Kind expected = kind.parentKind();
        if (expected == null) {
            if (parentId != null) {
                throw new ValidationException("parent_id", "a SITE has no parent");
            }
            return;
        }
        if (parentId == null) {
            throw new ValidationException("parent_id", "an " + kind + " needs a parent " + expected);
        }
        Location parent = locations
                .findById(parentId)
                .orElseThrow(() -> new ValidationException("parent_id", "is not a location of this organization"));
        if (parent.kind() != expected) {
            throw new ValidationException("parent_id", "the parent of " + kind + " must be a " + expected);
        }
    }
}
