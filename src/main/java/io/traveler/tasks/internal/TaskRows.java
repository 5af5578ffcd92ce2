package io.traveler.tasks.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface TaskRows extends JpaRepository<Task, UUID> {}
