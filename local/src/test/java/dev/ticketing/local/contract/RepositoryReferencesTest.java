package dev.ticketing.local.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.ProjectFiles;
import dev.ticketing.engine.SamTemplate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A clone must make sense alone: no file of the repository points at documents that live outside
 * it (the team handbook's design and API files, a sibling {@code shared} folder) or cites an issue
 * number, which a clone cannot look up; the design is docs/design.md and the contract docs/api.md.
 * And every relative Markdown link of the README and of docs/ reaches a file that exists, at a
 * heading that exists when it names one. The README's route table lists every route of
 * template.yaml.
 *
 * <p>The patterns below are assembled from pieces, so that this file does not match them itself.
 */
class RepositoryReferencesTest {
  private static final Path ROOT = ProjectFiles.findUpwards(Path.of("template.yaml")).orElseThrow().getParent();

  /** Build output, installed packages and git's own files: not the repository's text. */
  private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", ".git");

  private static final List<Pattern> OUTSIDE_REFERENCES = List.of(
      Pattern.compile("DESIGN" + "\\.md"),
      Pattern.compile("\\bAPI" + "\\.md"),  // case-sensitive: docs/api.md is the repository's own
      Pattern.compile("\\.\\./" + "shared"),
      Pattern.compile("(?i)\\bissues?" + "\\s+#?\\d+"),
      Pattern.compile("(?i)\\b(?:PR|pull request)" + "\\s*#\\d+"),
      // "#12" standing alone in prose; key fragments (QUEUE#1), colours (#1b1e28) and entities (&#35;) are not.
      Pattern.compile("(?<=^|[\\s(\\[])#" + "\\d+(?=$|[\\s).,:;\\]])", Pattern.MULTILINE));

  /** [text](target) or [text](target "title"), images included. */
  private static final Pattern LINK = Pattern.compile("\\[[^\\]\\n]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);
  private static final Pattern FENCE = Pattern.compile("^```.*?^```", Pattern.MULTILINE | Pattern.DOTALL);

  @Test
  void nothing_points_outside_the_repository_or_at_an_issue_number() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : textFiles()) {
      String relative = relative(file);
      String text = read(file).orElse("");
      for (Pattern pattern : OUTSIDE_REFERENCES) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          found.add(relative + ":" + lineOf(text, m.start()) + ": " + m.group());
        }
      }
    }
    assertThat(found).as("references a clone cannot follow (point into docs/, say what the issue was about)").isEmpty();
  }

  @Test
  void the_checks_see_what_they_are_meant_to_see() {
    assertThat(matches("see DESIGN" + ".md, \"Budgets\"")).isTrue();
    assertThat(matches("as API" + ".md says")).isTrue();
    assertThat(matches("in ../" + "shared/API" + ".md")).isTrue();
    assertThat(matches("the scalper of issue" + " 14")).isTrue();
    assertThat(matches("Issue" + " 12's measurements")).isTrue();
    assertThat(matches("(GitHub issue" + " 7)")).isTrue();
    assertThat(matches("fixed in #" + "42.")).isTrue();
    assertThat(matches("docs/api.md, \"Queue\"")).isFalse();
    assertThat(matches("a join that issued 3 tokens; QUEUE#12 / SEQ#3; color: #1b1e28; GSI &#35;5")).isFalse();
  }

  @Test
  void every_relative_link_of_the_docs_and_the_readme_resolves() throws IOException {
    List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (var files = Files.list(ROOT.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path document : documents) {
      String text = withoutCodeBlocks(Files.readString(document));
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
          continue;  // https:, mailto: ...: not a file of the repository
        }
        links++;
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
        String where = relative(document) + ":" + lineOf(text, m.start()) + ": " + target;
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (!anchor.isEmpty() && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
          broken.add(where + " (no such heading)");
        }
      }
    }
    assertThat(links).as("relative links found").isPositive();
    assertThat(broken).as("relative links that lead nowhere").isEmpty();
  }

  @Test
  void the_readme_route_table_lists_every_route_of_the_template() throws IOException {
    Matcher rows = Pattern.compile("^\\| (GET|POST|PUT|PATCH|DELETE) \\| `(/[^`]*)` \\|", Pattern.MULTILINE)
        .matcher(Files.readString(ROOT.resolve("README.md")));
    Set<String> listed = new HashSet<>();
    while (rows.find()) {
      listed.add(rows.group(1) + " " + rows.group(2));
    }
    Set<String> routes = new HashSet<>();
    SamTemplate.locate().functions().forEach(f -> f.routes().forEach(r -> routes.add(r.routeKey())));
    assertThat(routes).isNotEmpty();
    assertThat(listed).as("the README's API table").isEqualTo(routes);
  }

  /** Code blocks blanked out, their lines kept, so that line numbers stay those of the file. */
  private static String withoutCodeBlocks(String markdown) {
    return FENCE.matcher(markdown).replaceAll(block -> block.group().replaceAll("[^\\n]", ""));
  }

  private static boolean matches(String text) {
    return OUTSIDE_REFERENCES.stream().anyMatch(p -> p.matcher(text).find());
  }

  /** The anchors a Markdown renderer gives a file's headings, as GitHub makes them. */
  private static Set<String> anchors(Path markdown) throws IOException {
    Set<String> anchors = new HashSet<>();
    Matcher m = HEADING.matcher(withoutCodeBlocks(Files.readString(markdown)));
    while (m.find()) {
      String slug = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      String unique = slug;
      for (int n = 1; !anchors.add(unique); n++) {
        unique = slug + "-" + n;
      }
    }
    return anchors;
  }

  private static List<Path> textFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(ROOT) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !file.getFileName().toString().equals(".git")) {
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    assertThat(files).as("files under " + ROOT).isNotEmpty();
    return files;
  }

  /** The file as UTF-8 text, or empty for a binary file (images, archives). */
  private static Optional<String> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String relative(Path file) {
    return ROOT.relativize(file).toString().replace('\\', '/');
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
