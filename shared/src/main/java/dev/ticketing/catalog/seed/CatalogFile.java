package dev.ticketing.catalog.seed;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A catalogue file, the JSON shape of {@link SeedCatalog}: what the local runtime's
 * {@code --catalog} serves and what the operators' {@code seed} loads into a table. A file that
 * cannot be read or breaks a rule is an IOException that names the field at fault, in words.
 */
public final class CatalogFile {
  private CatalogFile() {}

  /** The catalogue in {@code file}; the exception says what is wrong with it, and where. */
  public static SeedCatalog read(Path file, ObjectMapper json) throws IOException {
    try {
      return json.readValue(file.toFile(), SeedCatalog.class);
    } catch (JsonMappingException e) {
      throw new IOException("cannot read the catalogue " + file + ": " + problem(e), e);
    } catch (IOException e) {
      throw new IOException("cannot read the catalogue " + file + ": " + e.getMessage(), e);
    }
  }

  /** The field at fault as a path ({@code concerts[1].saleOpensAt}) and what is wrong, without Jackson's class names. */
  private static String problem(JsonMappingException e) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    String what;
    if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == Instant.class) {
      what = "'" + invalid.getValue() + "' is not an ISO-8601 instant such as 2026-12-24T10:00:00Z";
    } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
      what = e.getCause().getMessage();  // a rule of SeedCatalog's, already in words
    } else {
      what = e.getOriginalMessage();
    }
    return field.length() == 0 ? what : field + ": " + what;
  }
}
