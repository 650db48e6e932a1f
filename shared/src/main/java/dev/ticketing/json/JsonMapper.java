package dev.ticketing.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * The one JSON configuration: strict on input (unknown fields, wrong types, fractions where an
 * integer belongs, trailing garbage are all errors), ISO-8601 strings for time on output.
 */
@SuppressWarnings("unchecked")
public final class JsonMapper {
  private JsonMapper() {}

  public static ObjectMapper create() {
    Builder builder = com.fasterxml.jackson.databind.json.JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .addModule(timeAsIsoStrings());
    ObjectMapper mapper = builder.build();
    // "7" is not a number and 7 is not a string: refuse scalar coercions both ways.
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  private static SimpleModule timeAsIsoStrings() {
    SimpleModule module = new SimpleModule("iso-time");
    module.addSerializer(Instant.class, new ToStringSerializer<>(Instant.class));
    module.addSerializer(LocalDate.class, new ToStringSerializer<>(LocalDate.class));
    module.addDeserializer(Instant.class, new ParsingDeserializer<>(Instant.class, Instant::parse));
    module.addDeserializer(LocalDate.class, new ParsingDeserializer<>(LocalDate.class, LocalDate::parse));
    return module;
  }

  private static final class ParsingDeserializer<T> extends StdScalarDeserializer<T> {
    private final Function<String, T> parse;

    ParsingDeserializer(Class<T> type, Function<String, T> parse) {
      super(type);
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return (T) context.handleUnexpectedToken(handledType(), parser);
      }
      try {
        return parse.apply(parser.getText());
      } catch (DateTimeParseException e) {
        return (T) context.handleWeirdStringValue(handledType(), parser.getText(), "not an ISO-8601 value");
      }
    }
  }

  private static final class ToStringSerializer<T> extends StdSerializer<T> {
    ToStringSerializer(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      generator.writeString(value.toString());
    }
  }
}
