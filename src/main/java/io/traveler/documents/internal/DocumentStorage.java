package io.traveler.documents.internal;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Which store keeps the documents' bytes: {@code traveler.documents.store=local} (default) under
 * {@code <traveler.data-dir>/documents} (or {@code traveler.documents.local.dir}), or {@code s3} with
 * {@code traveler.documents.s3.endpoint|region|bucket|prefix|access-key|secret-key|path-style}. The S3 client is made
 * only when it is chosen, so the default start never loads the SDK.
 */
@Configuration(proxyBeanMethods = false)
class DocumentStorage {
    private static final Logger log = LoggerFactory.getLogger(DocumentStorage.class);

    @Bean
    DocumentsSettings documentsSettings(
            @Value("${traveler.data-dir:./data}") Path dataDir,
            @Value("${traveler.documents.max-file-size:25MB}") DataSize maxFileSize,
            @Value("${traveler.documents.max-stored-bytes-per-organization:5GB}") DataSize maxStoredBytes) {
        return new DocumentsSettings(
                maxFileSize.toBytes(),
                maxStoredBytes.toBytes(),
                dataDir.resolve("documents").resolve(".incoming"));
    }

    @Bean
    DocumentStore documentStore(Environment env, @Value("${traveler.data-dir:./data}") Path dataDir) {
        String kind = env.getProperty("traveler.documents.store", "local").trim();
        DocumentStore store =
                switch (kind) {
                    case "local" ->
                        new LocalDocumentStore(Path.of(env.getProperty(
                                "traveler.documents.local.dir",
                                dataDir.resolve("documents").toString())));
                    case "s3" -> s3(env);
                    default -> throw new IllegalStateException("traveler.documents.store is local or s3, not " + kind);
                };
        log.info("Documents are stored in {}", store.describe());
        return store;
    }

    private static DocumentStore s3(Environment env) {
        var settings = new S3DocumentStore.Settings(
                env.getProperty("traveler.documents.s3.endpoint"),
                env.getProperty("traveler.documents.s3.region"),
                env.getProperty("traveler.documents.s3.bucket"),
                env.getProperty("traveler.documents.s3.prefix", ""),
                env.getProperty("traveler.documents.s3.access-key"),
                env.getProperty("traveler.documents.s3.secret-key"),
                env.getProperty("traveler.documents.s3.path-style", Boolean.class, true));
        return new S3DocumentStore(S3DocumentStore.client(settings), settings);
    }

    @Bean
    ContentTypes contentTypes() {
        return new ContentTypes();
    }
}
