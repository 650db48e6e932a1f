package dev.ticketing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The domain speaks its own words: no string a class below the edge holds names an HTTP header, an
 * HTTP status or a command-line flag. Those belong to the HTTP edge ({@code dev.ticketing.http} and
 * the functions), which parses headers into domain values and maps refusals to problems, and to the
 * operator tool, which parses its flags into sale changes. A dependency rule cannot see this: a
 * message such as "send the X-Queue-Token" imports nothing.
 *
 * <p>ArchUnit does not expose string literals, so the condition reads them from each class file's
 * constant pool: every {@code CONSTANT_String}, which holds the literals and the recipes of string
 * concatenations ({@code "set --max-active " + n} compiles to the recipe {@code "set --max-active
 * \u0001"}). Comments are not in class files and are not judged. The storage adapters are judged
 * too: their attribute names and expressions are neither headers, statuses nor flags.
 */
public final class TransportWordsRule {
  /** What only the edge or the operator tool may say. */
  static final Pattern TRANSPORT_WORDS = Pattern.compile(String.join("|",
      // header names: the API's own, the standard ones the edge reads or writes, and any X- header
      "(?i:\\b(?:idempotency-key|authorization|content-type|retry-after|cache-control)\\b)",
      "(?i:\\bx-[a-z]+(?:-[a-z]+)*\\b)",
      // statuses: a bare code, a code with its reason or problem code, "HTTP 409", "4xx", the reason phrases
      "^[1-5]\\d\\d$",
      "\\b[1-5]\\d\\d\\s+(?:[A-Z][a-z]+|[A-Z]{2,}_[A-Z_]+)",
      "(?i:\\b(?:http|status)\\s*[1-5]\\d\\d\\b)",
      "\\b[1-5]xx\\b",
      "\\b(?:Bad Request|Unauthorized|Forbidden|Not Found|Conflict|Payload Too Large|Unsupported Media Type"
          + "|Too Many Requests|Internal Server Error|Service Unavailable)\\b",
      // command-line flags: -- and a letter, at the start of a word
      "(?:^|[\\s\"'`(\\[])--[a-zA-Z][a-zA-Z0-9-]*"));

  private static final String[] BELOW_THE_EDGE = {"dev.ticketing.catalog..", "dev.ticketing.sale..",
      "dev.ticketing.queue..", "dev.ticketing.reservation..", "dev.ticketing.payment..", "dev.ticketing.wallet..",
      "dev.ticketing.domain..", "dev.ticketing.maintenance.."};

  public static final ArchRule DOMAIN_WORDS = classes().that().resideInAnyPackage(BELOW_THE_EDGE)
      .should(speakNoTransportWords())
      .because("the HTTP edge parses headers into domain values and maps refusals to problems, and the operator tool"
          + " parses its flags; the domain's messages and values name neither headers, statuses nor flags");

  private TransportWordsRule() {}

  /** The first transport word in {@code text}, or null. */
  static String transportWordIn(String text) {
    var matcher = TRANSPORT_WORDS.matcher(text);
    return matcher.find() ? matcher.group().strip() : null;
  }

  private static ArchCondition<JavaClass> speakNoTransportWords() {
    return new ArchCondition<>("hold no string naming an HTTP header, an HTTP status or a command-line flag") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        Source source = javaClass.getSource()
            .orElseThrow(() -> new IllegalStateException("no class file for " + javaClass.getName()));
        for (String constant : stringConstants(source)) {
          String word = transportWordIn(constant);
          if (word != null) {
            String shown = constant.replace('\u0001', '_').replace('\u0002', '_');
            events.add(SimpleConditionEvent.violated(javaClass,
                javaClass.getName() + " holds \"" + shown + "\", which says " + word));
          }
        }
      }
    };
  }

  private static List<String> stringConstants(Source source) {
    try (InputStream in = source.getUri().toURL().openStream()) {
      return stringConstants(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source.getUri(), e);
    }
  }

  /** The {@code CONSTANT_String} entries of a class file's constant pool (JVMS 4.4). */
  static List<String> stringConstants(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();  // minor version
    in.readUnsignedShort();  // major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> strings = new ArrayList<>();
    for (int index = 1; index < count; index++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[index] = in.readUTF();  // the same modified UTF-8, with its length in front
        case 8 -> strings.add(in.readUnsignedShort());
        case 7, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> in.skipNBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          index++;  // a long or a double takes two entries
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + index);
      }
    }
    List<String> found = new ArrayList<>();
    for (int index : strings) {
      found.add(utf8[index]);
    }
    return found;
  }
}
