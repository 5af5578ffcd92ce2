package io.traveler.documents.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The documents module's permissions and their holders. Reading is for everybody who works with products and
 * projects; storing, new versions, deleting and reading RESTRICTED documents ({@code documents:manage}) is for the
 * people who own drawings, instructions and certificates: production managers, designers and QC inspectors.
 * Modules that keep documents of their own (a project's design documents, a defect's photos) store them through
 * {@link io.traveler.documents.Documents} under their own permission.
 */
@Configuration(proxyBeanMethods = false)
class DocumentsModule {
    @Bean
    ModuleContribution documentsContribution() {
        return ModuleContribution.of("documents")
                .permission("documents:read", "See and download documents (RESTRICTED ones need documents:manage)")
                .permission(
                        "documents:manage",
                        "Upload documents and new versions, delete them, and read RESTRICTED documents")
                .grant(PRODUCTION_MANAGER, "documents:read", "documents:manage")
                .grant(DESIGNER, "documents:read", "documents:manage")
                .grant(QC_INSPECTOR, "documents:read", "documents:manage")
                .grant(TECHNICIAN, "documents:read")
                .grant(SALES_MANAGER, "documents:read")
                .grant(CUSTOMER_SERVICE, "documents:read")
                .navigation(85, "Documents", "/app/documents", "documents:read")
                .build();
    }
}
