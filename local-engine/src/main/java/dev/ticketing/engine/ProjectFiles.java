package dev.ticketing.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds project files from wherever a command runs: the root, a module, or a build folder. */
public final class ProjectFiles {
  private ProjectFiles() {}

  public static Optional<Path> findUpwards(Path relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
