/**
 * The shared kernel: ids, tenancy plumbing, problem responses, paging, idempotency and the permission
 * catalogue. Every module may use it; it depends on no business module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.traveler.shared;

import org.springframework.modulith.ApplicationModule;
