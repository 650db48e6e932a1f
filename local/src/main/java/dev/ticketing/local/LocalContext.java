package dev.ticketing.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Lambda context of an in-process invocation. Its remaining time counts down from the
 * function's Timeout in template.yaml, as Lambda's does (the scheduled function starts a round only
 * with enough of it left); measured on the monotonic timer, not on the runtime's clock, which tests
 * move.
 */
record LocalContext(String awsRequestId, String functionName, long deadlineNanos) implements Context {
  private static final LambdaLogger STDOUT = new LambdaLogger() {
    @Override
    public void log(String message) {
      System.out.print(message);
    }

    @Override
    public void log(byte[] message) {
      System.out.print(new String(message, StandardCharsets.UTF_8));
    }
  };

  /** A context whose remaining time starts at the function's {@code timeout}, now. */
  static LocalContext started(String awsRequestId, String functionName, Duration timeout) {
    return new LocalContext(awsRequestId, functionName, System.nanoTime() + timeout.toNanos());
  }

  @Override
  public String getAwsRequestId() {
    return awsRequestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:local:000000000000:function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return STDOUT;
  }
}
