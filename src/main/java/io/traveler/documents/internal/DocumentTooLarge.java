package io.traveler.documents.internal;

import io.traveler.shared.errors.TravelerException;

/** 413: the file is larger than {@code traveler.documents.max-file-size}; counted as the bytes arrive. */
public class DocumentTooLarge extends TravelerException {
    DocumentTooLarge(long limit) {
        super(Kind.TOO_LARGE, "The file is larger than the " + limit + " bytes a document may have");
    }
}
