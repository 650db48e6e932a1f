package dev.ticketing.sale.draw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.engine.ProjectFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * docs/draw.md's worked example, read from the file itself: its seed, commitment, receipts, their
 * hmacs and draw places are recomputed with the JDK's SHA-256 and HMAC, and with {@link Draw}, so
 * neither the page nor the service can drift from docs/api.md's rule without this failing.
 */
class DrawDocumentTest {
  private static final Path PAGE = ProjectFiles.findUpwards(Path.of("docs", "draw.md")).orElseThrow();
  private static final Pattern SEED = Pattern.compile("^- `drawSeed`: `([0-9a-f]{64})`$", Pattern.MULTILINE);
  private static final Pattern COMMITMENT = Pattern.compile("^- `drawCommitment`: `([0-9a-f]{64})`$", Pattern.MULTILINE);
  private static final Pattern ROW = Pattern.compile(
      "^\\| [^|]+ \\| `([A-Za-z0-9_-]{22})` \\| `([0-9a-f]{64})` \\| (\\d+) \\|$", Pattern.MULTILINE);

  private record Row(String receiptId, String hmac, int place) {}

  @Test
  void the_worked_example_is_the_rule_applied_to_its_seed_and_receipts() throws Exception {
    String page = Files.readString(PAGE);
    byte[] seed = HexFormat.of().parseHex(only(SEED, page));
    String commitment = only(COMMITMENT, page);
    List<Row> rows = new ArrayList<>();
    Matcher row = ROW.matcher(page);
    while (row.find()) {
      rows.add(new Row(row.group(1), row.group(2), Integer.parseInt(row.group(3))));
    }
    assertThat(rows).as("the example's receipts, in the order they joined").hasSize(3);

    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed))).as("drawCommitment")
        .isEqualTo(commitment).isEqualTo(new DrawSeed(seed).commitment());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(seed, "HmacSHA256"));
    for (Row example : rows) {
      assertThat(example.hmac()).as("hmac of " + example.receiptId())
          .isEqualTo(HexFormat.of().formatHex(mac.doFinal(example.receiptId().getBytes(StandardCharsets.UTF_8))))
          .isEqualTo(Draw.hmac(new DrawSeed(seed), example.receiptId()));
    }
    List<String> byRule = rows.stream()
        .sorted(Comparator.comparing(Row::hmac).thenComparing(Row::receiptId)).map(Row::receiptId).toList();
    List<String> byPage = rows.stream().sorted(Comparator.comparingInt(Row::place)).map(Row::receiptId).toList();
    assertThat(byPage).as("the draw places the page gives").containsExactlyElementsOf(byRule);
    assertThat(rows.stream().map(r -> new Draw.Entry(r.receiptId(), r.hmac())).sorted(Draw.ORDER).map(Draw.Entry::receiptId))
        .as("the service's order").containsExactlyElementsOf(byRule);
    assertThat(byRule).as("an example where the draw is not the order of joining")
        .isNotEqualTo(rows.stream().map(Row::receiptId).toList());
  }

  private static String only(Pattern pattern, String page) {
    Matcher matcher = pattern.matcher(page);
    assertThat(matcher.find()).as(pattern.pattern() + " in " + PAGE).isTrue();
    String value = matcher.group(1);
    assertThat(matcher.find()).as("once only: " + pattern.pattern()).isFalse();
    return value;
  }
}
