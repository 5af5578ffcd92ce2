package io.traveler.shared.jobs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link SteppedJobHandler}'s steps, for a kind that cannot resume: an interrupted job of it ends FAILED. */
@Component
public class FragileJobHandler extends SteppedJobHandler {
    public static final String KIND = "testing.fragile";

    FragileJobHandler(JdbcClient jdbc) {
        super(jdbc);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean resumable() {
        return false;
    }
}
