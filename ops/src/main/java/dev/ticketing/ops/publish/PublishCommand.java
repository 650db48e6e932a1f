package dev.ticketing.ops.publish;

import dev.ticketing.ops.publish.WebAppFiles.WebAppFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.Output;

/**
 * {@code publish --stack NAME [--region R] [--dir webapp]}: puts the web app on a stack deployed
 * with HostWebApp=true. From the stack's outputs it uploads every file of the directory to the
 * app's bucket with its Content-Type and Cache-Control ({@link WebAppFiles}), writes a config.js
 * for the hosted app (same-origin API, the stack's sign-in), adds the app's pages to the Cognito
 * client's callback and sign-out URLs ({@link SignInPages}, with the stack's own user pool), and
 * invalidates the distribution's cache. Run it again after every deploy. Exit 0 published, 1 AWS
 * refused or failed (what was uploaded stays; running it again is safe), 2 bad arguments, no web
 * app directory, no region, or a stack without the outputs (deployed without HostWebApp).
 */
public final class PublishCommand {
  public static final String USAGE = """
      usage: java -jar concert-ops.jar publish --stack NAME [--region REGION] [--dir webapp]
        Uploads the web app (default: ./webapp) to the stack's bucket (deployed with HostWebApp=true),
        writes its config.js from the stack's outputs, lets the stack's Cognito client return users to
        it, and invalidates the distribution. --region defaults to AWS_REGION. Run it after every deploy.""";

  private PublishCommand() {}

  /** One publish with its arguments, in {@code env} (the process environment); its exit status. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    String stack = null;
    Optional<String> region = Optional.empty();
    Path dir = Path.of("webapp");
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        return usage(err, args[i].startsWith("--") ? args[i] + " needs a value" : "unexpected " + args[i]);
      }
      switch (args[i]) {
        case "--stack" -> stack = args[i + 1];
        case "--region" -> region = Optional.of(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        default -> {
          return usage(err, "unknown option " + args[i]);
        }
      }
    }
    if (stack == null || stack.isBlank()) {
      return usage(err, "--stack NAME is required (the name you deployed with sam deploy)");
    }
    List<WebAppFile> files;
    try {
      files = WebAppFiles.in(dir);
    } catch (IOException e) {
      err.println("publish: " + e.getMessage());
      return 2;
    }
    try (AwsClients aws = AwsClients.create(region, env)) {
      return publish(aws, stack, files, out, err);
    } catch (AwsClients.NoRegion e) {
      err.println("publish: " + e.getMessage());
      return 2;
    }
  }

  static int publish(AwsClients aws, String stack, List<WebAppFile> files, PrintStream out, PrintStream err) {
    StackOutputs outputs;
    try {
      Map<String, String> values = aws.cloudFormation().describeStacks(r -> r.stackName(stack)).stacks().get(0)
          .outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
      outputs = StackOutputs.from(stack, values);
    } catch (StackOutputs.Missing e) {
      err.println("publish: " + e.getMessage());
      return 2;
    } catch (SdkException e) {
      err.println("publish: could not read stack " + stack + ": " + e.getMessage());
      return 1;
    }
    try {
      // index.html is last in the list: the new config.js goes up before it.
      for (WebAppFile file : files.subList(0, files.size() - 1)) {
        upload(aws, outputs.bucket(), file.key(), RequestBody.fromFile(file.source()), file.contentType(),
            file.cacheControl());
      }
      upload(aws, outputs.bucket(), WebAppFiles.CONFIG,
          RequestBody.fromString(WebAppFiles.configJs(stack, outputs), StandardCharsets.UTF_8),
          WebAppFiles.contentType(WebAppFiles.CONFIG), WebAppFiles.ALWAYS_REVALIDATE);
      WebAppFile index = files.get(files.size() - 1);
      upload(aws, outputs.bucket(), index.key(), RequestBody.fromFile(index.source()), index.contentType(),
          index.cacheControl());
      out.printf("uploaded %d files and config.js to s3://%s%n", files.size(), outputs.bucket());

      if (outputs.userPoolId().isPresent()) {
        List<String> added = SignInPages.ensure(aws.cognito(), outputs.userPoolId().get(), outputs.clientId(),
            outputs.appPages());
        out.println(added.isEmpty() ? "sign-in already returns to " + outputs.appUrl()
            : "sign-in now returns to " + String.join(" and ", added));
      } else {
        out.println("sign-in: your provider (" + outputs.issuer() + ") must allow " + String.join(" and ",
            outputs.appPages()) + " as redirect and sign-out URLs of client " + outputs.clientId());
      }

      String invalidation = aws.cloudFront().createInvalidation(r -> r.distributionId(outputs.distributionId())
          .invalidationBatch(b -> b.callerReference("publish-" + UUID.randomUUID())
              .paths(p -> p.quantity(1).items("/*")))).invalidation().id();
      out.printf("invalidated the cache of distribution %s (%s; the edges drop it within a few minutes)%n",
          outputs.distributionId(), invalidation);
      out.println("open " + outputs.appUrl());
      return 0;
    } catch (SdkException e) {
      err.println("publish: failed: " + e.getMessage() + " (running publish again is safe)");
      return 1;
    }
  }

  private static void upload(AwsClients aws, String bucket, String key, RequestBody body, String contentType,
      String cacheControl) {
    aws.s3().putObject(r -> r.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl), body);
  }

  private static int usage(PrintStream err, String message) {
    err.println("publish: " + message);
    err.println(USAGE);
    return 2;
  }
}
