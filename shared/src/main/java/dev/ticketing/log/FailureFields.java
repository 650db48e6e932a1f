package dev.ticketing.log;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What a log line says about a failure: its type, the AWS error code and status of a service
 * error, and the place in our code it came from. Never its message, which can carry internals or
 * request data (an item key holds a token's secret), and never a stack trace.
 */
public final class FailureFields {
  private static final String OUR_CODE = "dev.ticketing.";

  private FailureFields() {}

  public static Map<String, Object> of(Throwable failure) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("errorType", failure.getClass().getName());
    if (failure instanceof AwsServiceException service) {
      if (service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null) {
        fields.put("awsErrorCode", service.awsErrorDetails().errorCode());
      }
      fields.put("statusCode", service.statusCode());
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith(OUR_CODE)) {
        fields.put("errorOrigin", frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber());
        break;
      }
    }
    return fields;
  }
}
