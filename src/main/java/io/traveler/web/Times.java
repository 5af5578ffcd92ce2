package io.traveler.web;

import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.tenancy.TenantContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Shows instants in the organization's time zone; templates call it as {@code ${@times.format(at)}}. The zone
 * is read once per request.
 */
@Component("times")
public class Times {
    private static final String ZONE_ATTRIBUTE = Times.class.getName() + ".zone";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final OrganizationSettings settings;

    Times(OrganizationSettings settings) {
        this.settings = settings;
    }

    public String format(Instant at) {
        return at == null ? "" : DATE_TIME.format(at.atZone(zone()));
    }

    public String date(Instant at) {
        return at == null ? "" : DATE.format(at.atZone(zone()));
    }

    /** The organization's zone, e.g. "Europe/Berlin", for labels next to times. */
    public String zoneName() {
        return zone().getId();
    }

    private ZoneId zone() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null
                && request.getAttribute(ZONE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ZoneId z) {
            return z;
        }
        ZoneId zone = organizationZone();
        if (request != null) {
            request.setAttribute(ZONE_ATTRIBUTE, zone, RequestAttributes.SCOPE_REQUEST);
        }
        return zone;
    }

    private ZoneId organizationZone() {
        if (TenantContext.orgId().isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(settings.current().timezone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
