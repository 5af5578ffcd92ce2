/**
 * Documents: files (photos, drawings, instructions, certificates) stored on local disk under the data directory or
 * in an S3-compatible store, with their name, type, detected MIME type, size, SHA-256, version, tags, the entity they
 * belong to and an access level. Other modules keep document ids and ask {@link io.traveler.documents.Documents}.
 */
@ApplicationModule(
        displayName = "Documents",
        allowedDependencies = {"shared", "settings", "accounts"})
package io.traveler.documents;

import org.springframework.modulith.ApplicationModule;
