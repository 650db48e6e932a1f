package dev.ticketing.log;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What a log line says about a failure: its type and its cause's type, the AWS error code and
 * status of a service error (the failure's, or its cause's when ours wraps one), and the place in
 * our code it came from. Never a message, which can carry internals or request data (an item key
 * holds a token's secret), and never a stack trace.
 */
public final class FailureFields {
  private static final String OUR_CODE = "dev.ticketing.";

  private FailureFields() {}

  public static Map<String, Object> of(Throwable failure) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("errorType", failure.getClass().getName());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      fields.put("causeType", cause.getClass().getName());
    }
    Throwable service = failure instanceof AwsServiceException ? failure : cause;
    if (service instanceof AwsServiceException aws) {
      if (aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
        fields.put("awsErrorCode", aws.awsErrorDetails().errorCode());
      }
      fields.put("statusCode", aws.statusCode());
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
