package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.errors.StaleVersionException;
import io.traveler.shared.errors.VersionRequiredException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Versions;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class VersionsProperties {
    @Property
    void anIfMatchListPassesExactlyWhenItNamesTheCurrentVersion(
            @ForAll @LongRange(max = 1000) long current,
            @ForAll @Size(max = 5) List<@LongRange(max = 1000) Long> sent) {
        String header = sent.stream()
                .map(v -> (v % 2 == 0 ? "W/" : "") + Versions.etag(v))
                .collect(Collectors.joining(", "));
        if (sent.contains(current)) {
            assertThatCode(() -> ExpectedVersion.parse(header).require(current)).doesNotThrowAnyException();
        } else if (sent.isEmpty()) {
            assertThatThrownBy(() -> ExpectedVersion.parse(header).require(current))
                    .isInstanceOf(VersionRequiredException.class);
        } else {
            assertThatThrownBy(() -> ExpectedVersion.parse(header).require(current))
                    .isInstanceOf(StaleVersionException.class);
        }
    }
}
